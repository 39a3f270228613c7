using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using McMaster.NETCore.Plugins;
using RnnTui.Cli;
using RnnTui.Contracts;

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

    private readonly List<PluginDescriptor> _plugins = [];
    private readonly List<PluginProblem> _problems = [];
    private readonly List<PluginProblem> _disabled = [];
    private readonly HashSet<string> _disabledNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every plugin loaded, in discovery order.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins => _plugins;

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
    public static PluginCatalog Discover(PluginSelection selection) => Discover(selection.Folders, selection.Disabled);

    /// <summary>The plugin of a kind by name.</summary>
    /// <exception cref="UsageException">No plugin of that kind has that name; the message lists the ones there are.</exception>
    public PluginDescriptor Get(PluginKind kind, string name)
    {
        var found = _plugins.FirstOrDefault(p => p.Kind == kind && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }

        var known = _plugins.Where(p => p.Kind == kind).Select(p => p.Name).ToList();
        var why = _disabledNames.Contains(name) ? " (disabled in plugins.json)" : "";
        var choices = known.Count > 0 ? $"; available: {string.Join(", ", known)}" : "; none is installed";
        throw new UsageException($"unknown {kind.ToString().ToLowerInvariant()} '{name}'{why}{choices}");
    }

    /// <summary>The instance of a plugin of a kind by name, as its contract type.</summary>
    public T Create<T>(PluginKind kind, string name) => (T)Get(kind, name).Instance;

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
            var kind = KindOf(type);
            if (kind is null)
            {
                continue;
            }

            found++;
            var attribute = type.GetCustomAttribute<PluginAttribute>();
            var where = $"{dll} ({type.FullName})";
            if (attribute is null || string.IsNullOrWhiteSpace(attribute.Name))
            {
                _problems.Add(new PluginProblem(where, $"{type.Name} implements a plugin contract but has no [Plugin(name, description)] attribute"));
                continue;
            }

            if (disabled.Contains(attribute.Name))
            {
                _disabled.Add(new PluginProblem(where, $"{attribute.Name}: disabled in plugins.json"));
                _disabledNames.Add(attribute.Name);
                continue;
            }

            if (_plugins.FirstOrDefault(p => p.Kind == kind && p.Name.Equals(attribute.Name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                _problems.Add(new PluginProblem(where, $"a second {kind.Value.ToString().ToLowerInvariant()} named '{attribute.Name}' (the one in {twin.AssemblyPath} is used)"));
                continue;
            }

            object instance;
            try
            {
                instance = Activator.CreateInstance(type) ?? throw new InvalidOperationException("constructor returned null");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var inner = e is TargetInvocationException { InnerException: { } cause } ? cause : e;
                _problems.Add(new PluginProblem(where, $"{attribute.Name}: constructor failed: {OneLine(inner.Message)}"));
                continue;
            }

            _plugins.Add(new PluginDescriptor(kind.Value, attribute.Name, attribute.Description, version, dll, instance));
        }

        if (found == 0)
        {
            _problems.Add(new PluginProblem(dll, "no public type implements IOptimizerProvider, IComputeBackend or ICorpusSource"));
        }
    }

    private static PluginKind? KindOf(Type type) =>
        typeof(IOptimizerProvider).IsAssignableFrom(type) ? PluginKind.Optimizer
        : typeof(IComputeBackend).IsAssignableFrom(type) ? PluginKind.Backend
        : typeof(ICorpusSource).IsAssignableFrom(type) ? PluginKind.Corpus
        : null;

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
