namespace RnnTui.Plugins;

/// <summary>Which kind of plugin root a plugin was found in, so that <c>rnntui plugins</c> can say where it came from.</summary>
internal enum PluginOrigin
{
    /// <summary><c>Plugins/</c> beside rnntui: the plugins that ship with it.</summary>
    BuiltIn,

    /// <summary>The user's plugin folder, where <c>rnntui plugins install</c> puts plugins.</summary>
    User,

    /// <summary>A folder listed in the settings' <c>Plugins:Folders</c>.</summary>
    Folder,
}

/// <summary>How lists name an origin.</summary>
internal static class PluginOrigins
{
    /// <summary><c>built-in</c>, <c>user folder</c> or <c>Plugins:Folders</c>.</summary>
    public static string Word(this PluginOrigin origin) => origin switch
    {
        PluginOrigin.BuiltIn => "built-in",
        PluginOrigin.User => "user folder",
        _ => "Plugins:Folders",
    };
}
