namespace RnnTui.Plugins;

/// <summary>A folder of plugin folders (<c>ROOT/NAME/NAME.dll</c>) and which kind of root it is.</summary>
/// <param name="Path">The folder, absolute.</param>
/// <param name="Origin">Built-in, the user's folder, or a <c>Plugins:Folders</c> entry.</param>
internal sealed record PluginRoot(string Path, PluginOrigin Origin)
{
    /// <summary>
    /// The user's plugin folder, <c>$XDG_DATA_HOME/rnntui/plugins</c>, else <c>~/.local/share/rnntui/plugins</c> (the
    /// XDG base directory rules: a relative XDG_DATA_HOME is ignored); null when there is no home folder to put it in.
    /// </summary>
    public static string? UserFolder => UserFolderFor(Environment.GetEnvironmentVariable);

    /// <summary>The user's plugin folder as an environment defines it, for tests that cannot change the process's.</summary>
    public static string? UserFolderFor(Func<string, string?> environment)
    {
        var data = environment("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(data) || !System.IO.Path.IsPathRooted(data))
        {
            var home = environment("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            if (string.IsNullOrWhiteSpace(home))
            {
                return null;
            }

            data = System.IO.Path.Combine(home, ".local", "share");
        }

        return System.IO.Path.Combine(data, "rnntui", "plugins");
    }

    /// <summary>The roots rnntui loads from, in order: built-in, the user's folder, then the settings' extra folders.</summary>
    public static IReadOnlyList<PluginRoot> All(IEnumerable<string> folders)
    {
        var roots = new List<PluginRoot> { new(PluginCatalog.DefaultRoot, PluginOrigin.BuiltIn) };
        if (UserFolder is { } user)
        {
            roots.Add(new PluginRoot(user, PluginOrigin.User));
        }

        roots.AddRange(folders.Select(f => new PluginRoot(f, PluginOrigin.Folder)));
        return roots;
    }
}
