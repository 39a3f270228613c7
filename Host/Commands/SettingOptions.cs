using System.CommandLine;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// The options of one command that set settings: one per host setting whose option applies to the command (from
/// <see cref="SettingsDefinitions"/>), and one per option the installed plugins define (<c>--eta</c>,
/// <c>--corpus</c>), which sets that setting of the plugin selected for its kind. Applying them puts their values,
/// checked, into the command line's settings layer; <c>--preset NAME</c> chooses the preset layer beneath it.
/// </summary>
internal sealed class SettingOptions
{
    private readonly List<(HostSetting Setting, Option<string> Option)> _host = [];
    private readonly List<(string Name, Option<string> Option)> _plugin = [];
    private readonly Option<string>? _preset;

    public SettingOptions(OptionScope scope, PluginCatalog? catalog, SettingsSources? current, IReadOnlySet<string> reserved)
    {
        foreach (var setting in SettingsDefinitions.All.Where(s => (s.Scope & scope) != 0))
        {
            var definition = setting.Definition;
            var now = current?[setting.Key] ?? definition.DefaultValue;
            var option = new Option<string>("--" + definition.Option)
            {
                Description = string.IsNullOrEmpty(now) || setting.IsList ? definition.Description : $"{definition.Description} (now {now})",
                HelpName = definition.ValueName ?? "VALUE",
            };
            _host.Add((setting, option));
        }

        if ((scope & OptionScope.Training) != 0)
        {
            _preset = new Option<string>("--preset")
            {
                Description = $"take the settings of a preset of the settings file's {SettingsDefinitions.PresetSection} section; options still override it",
                HelpName = "NAME",
            };
        }

        var taken = new HashSet<string>(reserved.Concat(_host.Select(h => h.Setting.Definition.Option!)).Append("preset"), StringComparer.Ordinal);
        var plugins = catalog?.Plugins.Where(p => Offers(scope, p.Kind)) ?? [];
        foreach (var group in plugins.SelectMany(p => p.Settings.Where(d => d.Option is not null).Select(d => (Plugin: p, Definition: d))).GroupBy(x => x.Definition.Option!, StringComparer.Ordinal))
        {
            if (!taken.Add(group.Key))
            {
                continue;
            }

            var first = group.First().Definition;
            var names = string.Join(", ", group.Select(x => x.Plugin.Name).Distinct());
            _plugin.Add((group.Key, new Option<string>("--" + group.Key) { Description = $"{first.Description} ({names})", HelpName = first.ValueName ?? "VALUE" }));
        }
    }

    /// <summary>The options: the preset, settings of plugin selection, then the plugins' own, then the rest.</summary>
    public IEnumerable<Option> Symbols =>
        (_preset is null ? [] : new Option[] { _preset })
            .Concat(_host.Where(h => h.Setting.Section == "Plugins").Select(h => (Option)h.Option))
            .Concat(_plugin.Select(p => p.Option))
            .Concat(_host.Where(h => h.Setting.Section != "Plugins").Select(h => h.Option));

    /// <summary>Checks the values given and puts them into the command line's layer.</summary>
    /// <exception cref="UsageException">A value is not what its option takes, or a plugin option does not apply to the plugin selected.</exception>
    public void Apply(ParseResult parse, SettingsLayers layers, CommandContext context)
    {
        if (_preset is not null && Given(parse, _preset))
        {
            layers.UsePreset(parse.GetValue(_preset)!);
        }

        var given = _host.Where(h => Given(parse, h.Option)).ToList();
        foreach (var (setting, option) in given)
        {
            var text = parse.GetValue(option)!;
            var value = SettingValue.Parse(setting.Definition, text) ?? throw new UsageException(SettingValue.Refusal(option.Name, setting.Definition, text));
            layers.Override(setting.Key, setting.Definition.Kind == SettingKind.Path ? Path.GetFullPath((string)value) : text, option.Name);
        }

        // Asking for epochs on the command line lifts the file's step limit, and the other way round.
        foreach (var (setting, option) in given.Where(g => g.Setting.Attribute.Clears is not null))
        {
            var cleared = $"{setting.Section}:{setting.Attribute.Clears}";
            if (!given.Any(g => g.Setting.Key == cleared))
            {
                layers.Override(cleared, "0", option.Name);
            }
        }

        var plugin = _plugin.Where(p => Given(parse, p.Option)).ToList();
        if (plugin.Count == 0)
        {
            return;
        }

        var selection = new SettingsReader(layers.Build()).Read<PluginSelection>();
        var catalog = context.CatalogFor(selection);
        foreach (var (name, option) in plugin)
        {
            var text = parse.GetValue(option)!;
            var targets = Selected(catalog, selection).Where(p => p.Settings.Any(d => d.Option == name)).ToList();
            if (targets.Count == 0)
            {
                var selected = string.Join(", ", Selected(catalog, selection).Select(p => p.Title));
                throw new UsageException($"{option.Name} does not apply to the plugins selected ({selected})");
            }

            foreach (var target in targets)
            {
                var definition = target.Settings.First(d => d.Option == name);
                var value = SettingValue.Parse(definition, text) ?? throw new UsageException(SettingValue.Refusal(option.Name, definition, text));
                var key = $"{SettingsDefinitions.PluginSection}:{target.Name}:{definition.Name}";
                layers.Override(key, definition.Kind == SettingKind.Path ? Path.GetFullPath((string)value) : definition.Choices is not null ? (string)value : text, option.Name);
            }
        }
    }

    /// <summary>The plugins' options the command line gives, e.g. <c>precision</c>.</summary>
    public IReadOnlySet<string> GivenPluginOptions(ParseResult parse) => _plugin.Where(p => Given(parse, p.Option)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the command line gives the option of a host setting, e.g. <c>Training:Steps</c>.</summary>
    public bool IsGiven(ParseResult parse, string key) => _host.Any(h => h.Setting.Key == key && Given(parse, h.Option));

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The plugins the selection names that are installed; a name that clashes or did not load is refused here, not passed over.</summary>
    private static IEnumerable<PluginInfo> Selected(PluginCatalog catalog, PluginSelection selection) =>
        new[] { (PluginKind.Optimizer, selection.Optimizer), (PluginKind.Backend, selection.Backend), (PluginKind.Corpus, selection.Corpus), (PluginKind.Model, selection.Model) }
            .Select(s => catalog.Find(s.Item1, s.Item2))
            .OfType<PluginInfo>()
            .ToList();

    /// <summary>
    /// Backends' options apply to every command that computes; optimizers', corpora's and models' to those that train; every
    /// plugin's to the check of a plugin.
    /// </summary>
    private static bool Offers(OptionScope scope, PluginKind kind) =>
        (scope & OptionScope.Check) != 0
        || (kind == PluginKind.Backend ? (scope & (OptionScope.Training | OptionScope.Sample)) != 0 : (scope & OptionScope.Training) != 0);
}
