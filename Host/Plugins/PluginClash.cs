namespace RnnTui.Plugins;

/// <summary>
/// Two or more plugins of one kind with one name. None of them is used: which would win would depend on the order
/// folders sort in, and a plugin that silently replaces another (the built-in adagrad, say) fails in ways that point
/// elsewhere. The user turns one off by its path.
/// </summary>
/// <param name="Kind">Their kind.</param>
/// <param name="Name">Their name, as the first one found spells it.</param>
/// <param name="Plugins">Every plugin of that kind and name, in discovery order.</param>
internal sealed record PluginClash(PluginKind Kind, string Name, IReadOnlyList<PluginInfo> Plugins)
{
    /// <summary>One line naming every DLL and how to turn one off.</summary>
    public string Message => MessageFor(Kind, Name, [.. Plugins.Select(p => p.AssemblyPath)]);

    /// <summary>
    /// The message for a name that the DLLs <paramref name="paths"/> define, the last of them with a note (e.g. that
    /// it did not load, and why).
    /// </summary>
    public static string MessageFor(PluginKind kind, string name, IReadOnlyList<string> paths, string? note = null)
    {
        var all = $"{string.Join(", ", paths.SkipLast(1))} and {paths[^1]}{(note is null ? "" : $" ({note})")}";
        return $"{kind.Word()} '{name}' is defined by {paths.Count} plugins, {all}: rnntui will not choose one; "
            + "turn one off by adding the path of its DLL or folder to Plugins:Disabled";
    }
}
