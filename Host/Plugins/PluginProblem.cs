namespace RnnTui.Plugins;

/// <summary>Something in a plugin folder that could not be used, and why.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Reason">One line saying what is wrong.</param>
internal sealed record PluginProblem(string Path, string Reason)
{
    /// <summary>The type the problem is about, when it is one type of a DLL that loaded.</summary>
    public string? TypeName { get; init; }

    /// <summary>
    /// The plugins the file declares that could not be used because of the problem (a kind is null when it cannot be
    /// told), so that selecting one of them says why it is missing.
    /// </summary>
    public IReadOnlyList<PluginName> Plugins { get; init; } = [];

    /// <summary>Where, as lists show it: the file, and the type when there is one.</summary>
    public string Where => TypeName is null ? Path : $"{Path} ({TypeName})";

    /// <summary>The problem as one line of a listing: where, the plugins it keeps out, and why.</summary>
    public override string ToString() =>
        Plugins.Count == 0 ? $"{Where}: {Reason}" : $"{Where}: {string.Join(", ", Plugins)}: {Reason}";

    /// <summary>Whether the problem keeps out the plugin of a kind with a name.</summary>
    public bool Declares(PluginKind kind, string name) =>
        Plugins.Any(p => (p.Kind is null || p.Kind == kind) && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
