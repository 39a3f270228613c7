namespace RnnTui.Contracts;

/// <summary>What kind of value a plugin setting takes; the host parses and checks it before the plugin sees it.</summary>
public enum SettingKind
{
    /// <summary>A finite floating-point number, e.g. a learning rate.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Any text.</summary>
    Text,

    /// <summary>
    /// A file or folder path. The host makes it absolute: a path in a settings file is relative to that file's folder,
    /// one given on the command line or in the environment to the current folder.
    /// </summary>
    Path,
}
