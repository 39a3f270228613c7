using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Testing;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui plugins check NAME</c>: puts an installed plugin through the conformance checks of RnnTui.Testing, the
/// same that plugin authors' tests run, and prints a PASS, FAIL or SKIP line per check and a summary; exit code 1 when
/// a check failed. The plugin gets its settings from the usual layers (the settings file, <c>RNNTUI_</c> variables and
/// its own options, which apply to it as if it were the plugin selected for its kind). Backends are compared with the
/// installed <c>managed</c> backend, and models are given it in their kernel requests.
/// </summary>
internal static class PluginsCheckCommand
{
    /// <summary>The backend others are held to.</summary>
    private const string Reference = "managed";

    public static Command Create(CommandContext context)
    {
        var name = new Argument<string>("NAME") { Description = "the installed plugin to check (an optimizer, backend, corpus or model)" };
        return HostedCommand.Create(
            "check",
            "put an installed plugin through what rnntui relies on: a PASS, FAIL or SKIP line per check",
            context,
            OptionScope.Check,
            [name],
            run => Check(run.Services, run.Parse.GetValue(name)!, context.Console),
            layers: (parse, options) => Select(context, options, parse, parse.GetValue(name)!));
    }

    /// <summary>The settings layers with the plugin checked selected for its kind, so that its options apply to it.</summary>
    private static SettingsLayers Select(CommandContext context, SettingOptions options, ParseResult parse, string name)
    {
        var layers = context.Layers();
        var catalog = context.CatalogFor(new SettingsReader(layers.Build()).Read<PluginSelection>());
        var plugins = Find(catalog, name);
        foreach (var plugin in plugins)
        {
            layers.Override($"{SettingsDefinitions.Section(typeof(PluginSelection)).Name}:{plugin.Kind}", plugin.Name, $"plugins check {name}");
        }

        if (options.GivenPluginOptions(parse).FirstOrDefault(o => !plugins.Any(p => p.Settings.Any(s => s.Option == o))) is { } other)
        {
            throw new UsageException($"--{other} does not apply to {string.Join(" or ", plugins.Select(p => p.Title))}");
        }

        options.Apply(parse, layers, context);
        return layers;
    }

    private static int Check(IServiceProvider services, string name, CommandConsole console)
    {
        var catalog = services.GetRequiredService<PluginCatalog>();
        var settings = services.GetRequiredService<AppSettings>();
        var passed = true;
        foreach (var plugin in Find(catalog, name))
        {
            var values = settings.For(plugin.Name);
            console.Line($"{plugin.Title} {plugin.Version}, {plugin.AssemblyPath}");
            var report = plugin switch
            {
                Plugin<IOptimizerProvider> optimizer => Conformance.CheckOptimizer(optimizer.Instance, values),
                Plugin<IComputeBackend> backend => Conformance.CheckBackend(backend.Instance, values, catalog.All<IComputeBackend>().FirstOrDefault(p => p.Name == Reference)?.Instance),
                Plugin<IRecurrentModel> model => Conformance.CheckModel(model.Instance, values, catalog.All<IComputeBackend>().FirstOrDefault(p => p.Name == Reference)?.Instance),
                Plugin<ICorpusSource> corpus => Conformance.CheckCorpus(corpus.Instance, values),
                _ => throw new InvalidOperationException($"{plugin.Title} is of no kind the checks know"),
            };
            using var lines = new StringWriter();
            report.WriteTo(lines);
            foreach (var line in lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                console.Line(line.TrimEnd('\r'));
            }

            passed &= report.Passed;
        }

        return passed ? RnnTuiApp.Ok : RnnTuiApp.Failed;
    }

    /// <summary>The installed plugins of that name, of any kind (one, unless an optimizer and a corpus share a name).</summary>
    /// <exception cref="UsageException">No plugin has that name, or two of a kind claim it.</exception>
    /// <exception cref="PluginException">A plugin of that name was found but did not load.</exception>
    private static List<PluginInfo> Find(PluginCatalog catalog, string name)
    {
        var found = Enum.GetValues<PluginKind>().Select(kind => catalog.Find(kind, name)).OfType<PluginInfo>().ToList();
        if (found.Count > 0)
        {
            return found;
        }

        var disabled = catalog.Disabled.Any(d => d.Plugins.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) ? " (disabled by Plugins:Disabled)" : "";
        var installed = catalog.Plugins.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var failed = catalog.Problems.Count switch
        {
            0 => "",
            1 => "; 1 plugin failed to load (see rnntui plugins)",
            var n => $"; {n} plugins failed to load (see rnntui plugins)",
        };
        throw new UsageException($"unknown plugin '{name}'{disabled}; installed: {(installed.Count > 0 ? string.Join(", ", installed) : "none")}{failed}");
    }
}
