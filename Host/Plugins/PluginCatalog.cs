using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// Finds plugins: every folder <c>NAME/</c> under a plugin root holding <c>NAME.dll</c> is loaded in a load context
/// of its own that shares the Contracts assembly with the host, and every public, non-abstract type implementing a
/// contract is constructed and listed under the name of its <see cref="PluginAttribute"/>. Whatever fails is kept
/// as a <see cref="PluginProblem"/> with its reason; it never stops the rest. Folders and files other users could
/// have written are refused (<see cref="PluginTrust"/>); a name two plugins of a kind claim is a
/// <see cref="PluginClash"/>, and selecting it is refused, never settled by the order folders sort in.
/// </summary>
internal sealed partial class PluginCatalog
{
    private readonly List<PluginInfo> _found = [];
    private readonly List<PluginInfo> _plugins = [];
    private readonly List<PluginClash> _clashes = [];
    private readonly List<PluginProblem> _problems = [];
    private readonly List<PluginProblem> _disabled = [];
    private readonly HashSet<string> _disabledNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _disabledFound = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _disabledPaths;

    /// <param name="disabled">Plugin names, and absolute paths of DLLs or folders, to leave out.</param>
    private PluginCatalog(IEnumerable<string> disabled)
    {
        var entries = disabled.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        _disabledNames.UnionWith(entries.Where(d => !Path.IsPathRooted(d)));
        _disabledPaths = [.. entries.Where(Path.IsPathRooted).Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))];
    }

    /// <summary>Every plugin loaded that can be used (no other plugin of its kind has its name), in discovery order.</summary>
    public IReadOnlyList<PluginInfo> Plugins => _plugins;

    /// <summary>Names that more than one plugin of a kind has; none of those plugins is used.</summary>
    public IReadOnlyList<PluginClash> Clashes => _clashes;

    /// <summary>Every file or type that could not be used.</summary>
    public IReadOnlyList<PluginProblem> Problems => _problems;

    /// <summary>Plugins left out because Plugins:Disabled names them or their path.</summary>
    public IReadOnlyList<PluginProblem> Disabled => _disabled;

    /// <summary>The folder beside the executable that always holds plugins.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Plugins");

    /// <summary>The roots scanned, in order, whether they exist or not.</summary>
    public IReadOnlyList<PluginRoot> Roots { get; private set; } = [];

    /// <summary>Discovers the plugins under the default root, the user's plugin folder and the extra folders.</summary>
    /// <param name="extraRoots">More folders of plugin folders (<c>Plugins:Folders</c>).</param>
    /// <param name="disabled">Plugin names, and absolute paths of DLLs or folders, to leave out.</param>
    public static PluginCatalog Discover(IEnumerable<string> extraRoots, IReadOnlySet<string> disabled) =>
        DiscoverIn(PluginRoot.All(extraRoots), disabled);

    /// <summary>Discovers the plugins under these roots; a root that appears twice is scanned once, as its first entry.</summary>
    /// <param name="roots">The roots, in order.</param>
    /// <param name="disabled">Plugin names, and absolute paths of DLLs or folders, to leave out.</param>
    public static PluginCatalog DiscoverIn(IEnumerable<PluginRoot> roots, IReadOnlySet<string> disabled)
    {
        var catalog = new PluginCatalog(disabled) { Roots = [.. roots.DistinctBy(r => r.Path, StringComparer.Ordinal)] };
        catalog._found.Add(VanillaModel.Plugin);
        foreach (var root in catalog.Roots)
        {
            catalog.ScanRoot(root);
        }

        catalog.SettleClashes();
        return catalog;
    }

    /// <summary>The settings' plugin selection, discovered.</summary>
    public static PluginCatalog Discover(PluginSelection selection) =>
        Discover(selection.Folders, selection.Disabled.ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>The plugin of a kind by name, typed as its contract.</summary>
    /// <typeparam name="T">The kind's contract: <see cref="IOptimizerProvider"/>, <see cref="IComputeBackend"/>, <see cref="ICorpusSource"/> or <see cref="IRecurrentModel"/>.</typeparam>
    /// <exception cref="UsageException">
    /// No plugin of that kind has that name (the message lists the ones there are and says how many failed to load), or
    /// more than one has (the message names their DLLs and how to turn one off).
    /// </exception>
    /// <exception cref="PluginException">A plugin of that kind and name was found but did not load; the message says why.</exception>
    public Plugin<T> Get<T>(string name)
        where T : class, IPlugin
    {
        var kind = PluginKinds.Of<T>();
        if (Find(kind, name) is Plugin<T> found)
        {
            return found;
        }

        var known = _plugins.Where(p => p.Kind == kind).Select(p => p.Name).ToList();
        var why = _disabledFound.Contains(name) ? " (disabled by Plugins:Disabled)" : "";
        var choices = known.Count > 0 ? $"; available: {string.Join(", ", known)}" : "; none is installed";
        var failed = _problems.Count switch
        {
            0 => "",
            1 => "; 1 plugin failed to load (see rnntui plugins)",
            var n => $"; {n} plugins failed to load (see rnntui plugins)",
        };
        throw new UsageException($"unknown {kind.Word()} '{name}'{why}{choices}{failed}");
    }

    /// <summary>The plugin of a kind by name, or null when none has that name.</summary>
    /// <exception cref="UsageException">More than one plugin of that kind has that name; the message names their DLLs and how to turn one off.</exception>
    /// <exception cref="PluginException">A plugin of that kind and name was found but did not load; the message says why.</exception>
    public PluginInfo? Find(PluginKind kind, string name)
    {
        if (_plugins.FirstOrDefault(p => p.Kind == kind && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } found)
        {
            // Another DLL that declares the name but did not load is a clash too: using this one would be choosing.
            if (_problems.FirstOrDefault(p => p.Plugins.Any(d => d.Kind == kind && d.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) is { } other)
            {
                throw new UsageException(PluginClash.MessageFor(kind, found.Name, [found.AssemblyPath, other.Path], $"which did not load: {other.Reason}"));
            }

            return found;
        }

        if (_clashes.FirstOrDefault(c => c.Kind == kind && c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            throw new UsageException(clash.Message);
        }

        if (_problems.FirstOrDefault(p => p.Declares(kind, name)) is { } problem)
        {
            var declared = problem.Plugins.First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Name;
            throw new PluginException($"{kind.Word()} {declared} did not load: {problem.Reason} ({problem.Path}; see rnntui plugins)");
        }

        return null;
    }

    /// <summary>Every plugin of a kind, typed as its contract, in discovery order.</summary>
    public IEnumerable<Plugin<T>> All<T>()
        where T : class, IPlugin => _plugins.OfType<Plugin<T>>();
}
