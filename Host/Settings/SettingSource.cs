namespace RnnTui.Settings;

/// <summary>Where a setting's value can come from, in increasing precedence.</summary>
internal enum SettingOrigin
{
    /// <summary>The settings file (<c>plugins.json</c>, <c>--config FILE</c>) or the settings a run saved.</summary>
    File,

    /// <summary>A preset of the settings file, chosen with <c>--preset NAME</c>.</summary>
    Preset,

    /// <summary>An environment variable prefixed <c>RNNTUI_</c>.</summary>
    Environment,

    /// <summary>A command-line option.</summary>
    CommandLine,
}

/// <summary>One layer of settings: its origin, the name messages give it, and the folder relative paths in it start from.</summary>
/// <param name="Origin">File, environment or command line.</param>
/// <param name="Name">The file's name for a file (<c>plugins.json</c>, <c>run.json</c>), <c>preset NAME</c> for a preset.</param>
/// <param name="BaseDirectory">The folder a relative path in this layer is relative to.</param>
internal sealed record SettingSource(SettingOrigin Origin, string Name, string BaseDirectory)
{
    /// <summary>The prefix of the environment variables that set settings.</summary>
    public const string EnvironmentPrefix = "RNNTUI_";

    /// <summary>How a message names a key of this layer: <c>plugins.json: Model:Hidden</c>, <c>environment variable RNNTUI_Model__Hidden</c>.</summary>
    public string Describe(string key, string? option = null) => Origin switch
    {
        SettingOrigin.File or SettingOrigin.Preset => $"{Name}: {key}",
        SettingOrigin.Environment => $"environment variable {EnvironmentName(key)}",
        _ => option ?? key,
    };

    /// <summary>The environment variable of a key: <c>Model:Hidden</c> is <c>RNNTUI_Model__Hidden</c>.</summary>
    public static string EnvironmentName(string key) => EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal);
}
