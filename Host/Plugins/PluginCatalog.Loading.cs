using System.Reflection;
using McMaster.NETCore.Plugins;
using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>Scanning the plugin roots and loading each plugin's DLL in a load context of its own.</summary>
internal sealed partial class PluginCatalog
{
    private static readonly Type[] SharedTypes = [typeof(IOptimizerProvider), typeof(IComputeBackend), typeof(ICorpusSource), typeof(IRecurrentModel), typeof(PluginAttribute)];

    private void ScanRoot(PluginRoot pluginRoot)
    {
        var root = pluginRoot.Path;
        if (!Directory.Exists(root))
        {
            // Only a folder the settings name is missed; the built-in one and the user's are optional.
            if (pluginRoot.Origin == PluginOrigin.Folder)
            {
                _problems.Add(new PluginProblem(root, "plugin folder not found"));
            }

            return;
        }

        if (PluginTrust.CheckRoot(root) is { } refused)
        {
            _problems.Add(new PluginProblem(root, refused));
            return;
        }

        foreach (var stray in Directory.EnumerateFiles(root, "*.dll").Order(StringComparer.Ordinal))
        {
            _problems.Add(new PluginProblem(stray, $"a plugin must be in a folder of its own: Plugins/{Path.GetFileNameWithoutExtension(stray)}/{Path.GetFileName(stray)}"));
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('.'))
            {
                // Hidden: an install in progress (PluginInstaller stages there) or a tool's own; never a plugin.
                continue;
            }

            var dll = Path.Combine(folder, name + ".dll");
            if (!File.Exists(dll))
            {
                _problems.Add(new PluginProblem(folder, $"no {name}.dll in the folder"));
                continue;
            }

            var metadata = PluginMetadata.Read(dll);
            if (DisabledPath(dll) is { } off)
            {
                // Never loaded: a DLL turned off by its path may be the one that cannot load or that clashes.
                _disabled.Add(new PluginProblem(dll, $"disabled by Plugins:Disabled ({off})") { Plugins = metadata.Declared });
                continue;
            }

            if (PluginTrust.CheckPlugin(folder) is { } untrusted)
            {
                _problems.Add(new PluginProblem(untrusted.Path, untrusted.Reason) { Plugins = metadata.Declared });
                continue;
            }

            if (metadata.Problem is { } reason)
            {
                _problems.Add(new PluginProblem(dll, reason) { Plugins = metadata.Declared });
                continue;
            }

            LoadAssembly(dll, metadata, pluginRoot.Origin);
        }
    }

    private void LoadAssembly(string dll, PluginMetadata metadata, PluginOrigin origin)
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
            _problems.Add(new PluginProblem(dll, $"its types cannot be loaded: {OneLine(first)}") { Plugins = metadata.Declared });
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _problems.Add(new PluginProblem(dll, $"cannot be loaded: {OneLine(e.Message)}") { Plugins = metadata.Declared });
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

            if (_disabledNames.Contains(attribute.Name))
            {
                _disabled.Add(new PluginProblem(dll, "disabled by Plugins:Disabled") { TypeName = type.FullName, Plugins = [new PluginName(kind, attribute.Name)] });
                _disabledFound.Add(attribute.Name);
                continue;
            }

            if (Construct(dll, type, kind.Value, attribute, version) is { } plugin)
            {
                _found.Add(plugin with { Origin = origin });
            }
        }

        if (found == 0)
        {
            _problems.Add(new PluginProblem(dll, "no public type implements IOptimizerProvider, IComputeBackend, ICorpusSource or IRecurrentModel"));
        }
    }

    /// <summary>
    /// Keeps every plugin whose kind and name no other plugin has; those that share them are a clash, and none of
    /// them is used, whichever folder sorts first.
    /// </summary>
    private void SettleClashes()
    {
        var groups = _found.GroupBy(p => (p.Kind, Name: p.Name.ToLowerInvariant())).ToList();
        foreach (var group in groups.Where(g => g.Count() > 1))
        {
            _clashes.Add(new PluginClash(group.Key.Kind, group.First().Name, [.. group]));
        }

        _plugins.AddRange(groups.Where(g => g.Count() == 1).Select(g => g.Single()));
    }

    /// <summary>The entry of Plugins:Disabled that names the DLL, its folder or a folder above it, or null.</summary>
    private string? DisabledPath(string dll) =>
        _disabledPaths.FirstOrDefault(off => dll == off || dll.StartsWith(off + Path.DirectorySeparatorChar, StringComparison.Ordinal));

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
        PluginKind.Corpus => new Plugin<ICorpusSource>(kind, attribute.Name, attribute.Description, version, dll, settings, (ICorpusSource)instance),
        _ => new Plugin<IRecurrentModel>(kind, attribute.Name, attribute.Description, version, dll, settings, (IRecurrentModel)instance),
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
