namespace RnnTui.Plugins;

/// <summary>A plugin found and constructed: what it is, where it came from, and the instance.</summary>
/// <param name="Kind">Optimizer, backend or corpus.</param>
/// <param name="Name">The name users select it by.</param>
/// <param name="Description">One line from its <see cref="Contracts.PluginAttribute"/>.</param>
/// <param name="Version">Its assembly's version.</param>
/// <param name="AssemblyPath">The DLL it was loaded from.</param>
/// <param name="Instance">The constructed plugin object.</param>
internal sealed record PluginDescriptor(PluginKind Kind, string Name, string Description, string Version, string AssemblyPath, object Instance)
{
    /// <summary>How lists show it, e.g. <c>adagrad 0.1.0</c>.</summary>
    public string Label => $"{Name} {Version}";
}

/// <summary>Something in a plugin folder that could not be used, and why.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Reason">One line saying what is wrong.</param>
internal sealed record PluginProblem(string Path, string Reason);
