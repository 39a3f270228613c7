using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>A plugin found and constructed: what it is, where it came from and the settings it takes.</summary>
/// <param name="Kind">Optimizer, backend or corpus.</param>
/// <param name="Name">The name users select it by.</param>
/// <param name="Description">One line from its <see cref="PluginAttribute"/>.</param>
/// <param name="Version">Its assembly's version.</param>
/// <param name="AssemblyPath">The DLL it was loaded from.</param>
/// <param name="Settings">The settings it defines (none for a plugin that reads them as written).</param>
internal abstract record PluginInfo(PluginKind Kind, string Name, string Description, string Version, string AssemblyPath, IReadOnlyList<SettingDefinition> Settings)
{
    /// <summary>Which kind of plugin root it was found in: built-in, the user's folder or a <c>Plugins:Folders</c> entry.</summary>
    public PluginOrigin Origin { get; init; }

    /// <summary>How lists show it, e.g. <c>adagrad 0.1.0</c>.</summary>
    public string Label => $"{Name} {Version}";

    /// <summary>How messages name it, e.g. <c>optimizer adagrad</c>.</summary>
    public string Title => $"{Kind.ToString().ToLowerInvariant()} {Name}";

    /// <summary>The setting of a key (case-insensitive), or null.</summary>
    public SettingDefinition? Setting(string key) => Settings.FirstOrDefault(s => s.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A plugin with its instance as the contract it implements.</summary>
/// <typeparam name="T"><see cref="IOptimizerProvider"/>, <see cref="IComputeBackend"/> or <see cref="ICorpusSource"/>.</typeparam>
internal sealed record Plugin<T>(PluginKind Kind, string Name, string Description, string Version, string AssemblyPath, IReadOnlyList<SettingDefinition> Settings, T Instance)
    : PluginInfo(Kind, Name, Description, Version, AssemblyPath, Settings)
    where T : class, IPlugin;
