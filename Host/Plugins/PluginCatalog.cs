using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using McMaster.NETCore.Plugins;
using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// Finds plugins: every folder <c>NAME/</c> under a plugin root holding <c>NAME.dll</c> is loaded in a load context
/// of its own that shares the Contracts assembly with the host, and every public, non-abstract type implementing a
/// contract is constructed and listed under the name of its <see cref="PluginAttribute"/>. Whatever fails is kept
/// as a <see cref="PluginProblem"/> with its reason; it never stops the rest.
/// </summary>
internal sealed class PluginCatalog
{
    private static readonly Type[] SharedTypes = [typeof(IOptimizerProvider), typeof(IComputeBackend), typeof(ICorpusSource), typeof(PluginAttribute)];
    private static readonly AssemblyName ContractsName = typeof(IOptimizerProvider).Assembly.GetName();

    private readonly List<PluginInfo> _plugins = [];
    private readonly List<PluginProblem> _problems = [];
    private readonly List<PluginProblem> _disabled = [];
    private readonly HashSet<string> _disabledNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every plugin loaded, in discovery order.</summary>
    public IReadOnlyList<PluginInfo> Plugins => _plugins;

    /// <summary>Every file or type that could not be used.</summary>
    public IReadOnlyList<PluginProblem> Problems => _problems;

    /// <summary>Plugins left out because plugins.json disables them.</summary>
    public IReadOnlyList<PluginProblem> Disabled => _disabled;

    /// <summary>The folder beside the executable that always holds plugins.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Plugins");

    /// <summary>Discovers the plugins under the default root and the extra folders.</summary>
    public static PluginCatalog Discover(IEnumerable<string> extraRoots, IReadOnlySet<string> disabled)
    {
        var catalog = new PluginCatalog();
        foreach (var root in new[] { DefaultRoot }.Concat(extraRoots).Distinct(StringComparer.Ordinal))
        {
            catalog.ScanRoot(root, disabled);
        }

        return catalog;
    }

    /// <summary>The settings' plugin selection, discovered.</summary>
    public static PluginCatalog Discover(PluginSelection selection) =>
        Discover(selection.Folders, selection.Disabled.ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>The plugin of a kind by name, typed as its contract.</summary>
    /// <typeparam name="T">The kind's contract: <see cref="IOptimizerProvider"/>, <see cref="IComputeBackend"/> or <see cref="ICorpusSource"/>.</typeparam>
    /// <exception cref="UsageException">No plugin of that kind has that name; the message lists the ones there are.</exception>
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
        var why = _disabledNames.Contains(name) ? " (disabled by Plugins:Disabled)" : "";
        var choices = known.Count > 0 ? $"; available: {string.Join(", ", known)}" : "; none is installed";
        throw new UsageException($"unknown {kind.Word()} '{name}'{why}{choices}");
    }

    /// <summary>The plugin of a kind by name, or null when none has that name.</summary>
    /// <exception cref="PluginException">A plugin of that kind and name was found but did not load; the message says why.</exception>
    public PluginInfo? Find(PluginKind kind, string name)
    {
        if (_plugins.FirstOrDefault(p => p.Kind == kind && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } found)
        {
            return found;
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

    private void ScanRoot(string root, IReadOnlySet<string> disabled)
    {
        if (!Directory.Exists(root))
        {
            if (root != DefaultRoot)
            {
                _problems.Add(new PluginProblem(root, "plugin folder not found"));
            }

            return;
        }

        foreach (var stray in Directory.EnumerateFiles(root, "*.dll").Order(StringComparer.Ordinal))
        {
            _problems.Add(new PluginProblem(stray, $"a plugin must be in a folder of its own: Plugins/{Path.GetFileNameWithoutExtension(stray)}/{Path.GetFileName(stray)}"));
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var dll = Path.Combine(folder, name + ".dll");
            if (!File.Exists(dll))
            {
                _problems.Add(new PluginProblem(folder, $"no {name}.dll in the folder"));
                continue;
            }

            if (CheckAssembly(dll) is { } reason)
            {
                _problems.Add(new PluginProblem(dll, reason));
                continue;
            }

            LoadAssembly(dll, disabled);
        }
    }

    /// <summary>Reads the DLL's metadata without loading it: is it .NET, and built against a compatible Contracts?</summary>
    private static string? CheckAssembly(string dll)
    {
        try
        {
            using var stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return "not a .NET assembly";
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return "not a .NET assembly";
            }

            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) == ContractsName.Name && reference.Version.Major != ContractsName.Version!.Major)
                {
                    return $"built against {ContractsName.Name} {reference.Version}, but this rnntui has {ContractsName.Version} (rebuild the plugin)";
                }
            }

            return null;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return e is BadImageFormatException ? "not a .NET assembly" : $"cannot read: {e.Message}";
        }
    }

    private void LoadAssembly(string dll, IReadOnlySet<string> disabled)
    {
        Type[] types;
        string version;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, SharedTypes);
            var assembly = loader.LoadDefaultAssembly();
            version = VersionOf(assembly);
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message ?? e.Message;
            _problems.Add(new PluginProblem(dll, $"its types cannot be loaded: {OneLine(first)}"));
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _problems.Add(new PluginProblem(dll, $"cannot be loaded: {OneLine(e.Message)}"));
            return;
        }

        var found = 0;
        foreach (var type in types.Where(t => t.IsClass && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = PluginKinds.Of(type);
            if (kind is null)
            {
                continue;
            }

            found++;
            var attribute = type.GetCustomAttribute<PluginAttribute>();
            if (attribute is null || string.IsNullOrWhiteSpace(attribute.Name))
            {
                _problems.Add(new PluginProblem(dll, $"{type.Name} implements a plugin contract but has no [Plugin(name, description)] attribute") { TypeName = type.FullName });
                continue;
            }

            if (disabled.Contains(attribute.Name))
            {
                _disabled.Add(new PluginProblem(dll, "disabled by Plugins:Disabled") { TypeName = type.FullName, Plugins = [new PluginName(kind, attribute.Name)] });
                _disabledNames.Add(attribute.Name);
                continue;
            }

            if (_plugins.FirstOrDefault(p => p.Kind == kind && p.Name.Equals(attribute.Name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                _problems.Add(new PluginProblem(dll, $"a second {kind.Value.Word()} named '{attribute.Name}' (the one in {twin.AssemblyPath} is used)") { TypeName = type.FullName });
                continue;
            }

            if (Construct(dll, type, kind.Value, attribute, version) is { } plugin)
            {
                _plugins.Add(plugin);
            }
        }

        if (found == 0)
        {
            _problems.Add(new PluginProblem(dll, "no public type implements IOptimizerProvider, IComputeBackend or ICorpusSource"));
        }
    }

    /// <summary>
    /// Constructs a plugin type and asks for its settings; whatever either throws is a problem naming the plugin and
    /// what it was doing, and the plugin is left out.
    /// </summary>
    private PluginInfo? Construct(string dll, Type type, PluginKind kind, PluginAttribute attribute, string version)
    {
        PluginProblem Problem(string reason) => new(dll, reason) { TypeName = type.FullName, Plugins = [new PluginName(kind, attribute.Name)] };

        object instance;
        try
        {
            instance = Activator.CreateInstance(type) ?? throw new InvalidOperationException("constructor returned null");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            _problems.Add(Problem($"constructor failed: {PluginFactory.Describe(cause)}"));
            return null;
        }

        IReadOnlyList<SettingDefinition> settings;
        try
        {
            settings = [.. ((IPlugin)instance).Settings];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _problems.Add(Problem($"failed in Settings: {PluginFactory.Describe(e)}"));
            return null;
        }

        if (settings.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            _problems.Add(Problem($"defines the setting '{twice.Key}' twice"));
            return null;
        }

        return Describe(kind, attribute, version, dll, settings, instance);
    }

    /// <summary>The plugin typed as its contract: the one place an instance found by reflection is cast.</summary>
    private static PluginInfo Describe(PluginKind kind, PluginAttribute attribute, string version, string dll, IReadOnlyList<SettingDefinition> settings, object instance) => kind switch
    {
        PluginKind.Optimizer => new Plugin<IOptimizerProvider>(kind, attribute.Name, attribute.Description, version, dll, settings, (IOptimizerProvider)instance),
        PluginKind.Backend => new Plugin<IComputeBackend>(kind, attribute.Name, attribute.Description, version, dll, settings, (IComputeBackend)instance),
        _ => new Plugin<ICorpusSource>(kind, attribute.Name, attribute.Description, version, dll, settings, (ICorpusSource)instance),
    };

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? informational[..plus] : informational;
        }

        return assembly.GetName().Version?.ToString() ?? "?";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
