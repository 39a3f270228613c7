using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui settings</c>: every setting in force with its value and where the value comes from (the settings file,
/// an environment variable, an option, or the default), for the same options train takes. With <c>--markdown</c>,
/// the table of settings and options the README shows, written from the same definitions.
/// </summary>
internal static class SettingsCommand
{
    public static Command Create(CommandContext context)
    {
        var markdown = CommandOption.Flag("markdown", "print the settings and their options as a Markdown table instead");
        return HostedCommand.Create(
            "settings",
            "list every setting in force, its value and where it comes from",
            context,
            OptionScope.Train,
            [markdown.Symbol],
            run =>
            {
                context.Console.Out.Write(markdown.IsSet(run.Parse)
                    ? Markdown(run.Services.GetRequiredService<PluginCatalog>())
                    : List(run.Services.GetRequiredService<AppSettings>(), run.Services.GetRequiredService<SettingsSources>()));
                return RnnTuiApp.Ok;
            });
    }

    /// <summary>The settings a training command line would use (for tools and tests); the arguments are train's options.</summary>
    /// <exception cref="UsageException">A bad option or setting.</exception>
    public static AppSettings Load(IReadOnlyList<string> args, PluginCatalog? catalog = null)
    {
        var console = new CommandConsole(TextWriter.Null, TextWriter.Null, IsTerminal: false);
        var configPath = CommandContext.ConfigArgument(args) is { } config ? Path.GetFullPath(config) : SettingsLayers.DefaultPath;
        var context = new CommandContext(console, configPath, CancellationToken.None, catalog);
        var options = new SettingOptions(OptionScope.Train, context.Catalog, null, new HashSet<string> { "config" });
        var command = new RootCommand { new Option<string>("--config") };
        foreach (var symbol in options.Symbols)
        {
            command.Add(symbol);
        }

        var parse = command.Parse([.. args.SkipWhile(a => a == "train")]);
        if (parse.Errors.Count > 0)
        {
            throw new UsageException(ParseErrors.Describe(parse, command));
        }

        var layers = context.Layers();
        options.Apply(parse, layers, context);
        using var host = CommandHost.Build(context, layers);
        return host.Services.GetRequiredService<AppSettings>();
    }

    private static string List(AppSettings settings, SettingsSources sources)
    {
        var text = new StringBuilder();
        foreach (var record in settings.Sections)
        {
            foreach (var setting in SettingsDefinitions.Section(record.GetType()).Settings)
            {
                var value = HostSetting.Text(setting.Property.GetValue(record));
                text.Append($"{setting.Key,-32} {value,-24} {sources.Where(setting.Key)}\n");
            }
        }

        foreach (var (plugin, values) in settings.PluginValues.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var path = $"{SettingsDefinitions.PluginSection}:{plugin}:{key}";
                text.Append($"{path,-32} {value,-24} {sources.Where(path)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The README's table: every setting, its option (with the commands it belongs to), its default and what it takes.</summary>
    public static string Markdown(PluginCatalog catalog)
    {
        var text = new StringBuilder("| setting | option | default | what it is |\n|---|---|---|---|\n");
        foreach (var setting in SettingsDefinitions.All)
        {
            var option = setting.Definition.Option is { } name ? $"`--{name} {setting.Definition.ValueName}`{Commands(setting.Scope)}" : "";
            text.Append(Row(setting.Key, option, setting.Definition, setting.IsList));
        }

        foreach (var plugin in catalog.Plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var setting in plugin.Settings)
            {
                var option = setting.Option is { } name ? $"`--{name} {setting.ValueName}`" : "";
                text.Append(Row($"{SettingsDefinitions.PluginSection}:{plugin.Name}:{setting.Name}", option, setting, isList: false));
            }
        }

        return text.ToString();
    }

    private static string Row(string key, string option, Contracts.SettingDefinition definition, bool isList)
    {
        var value = definition.DefaultValue is { Length: > 0 } d ? $"`{d}`" : "";
        var takes = isList ? " (a list)" : definition.Kind == Contracts.SettingKind.Text ? "" : $" ({SettingValue.Expected(definition)})";
        return $"| `{key}` | {option} | {value} | {Escape(definition.Description)}{takes} |\n";
    }

    /// <summary>The commands an option belongs to, when not the training ones: <c>(gradcheck)</c>.</summary>
    private static string Commands(OptionScope scope) =>
        (scope & OptionScope.Train) != 0 ? "" : $" ({string.Join(", ", Enum.GetValues<OptionScope>().Where(s => s is not OptionScope.None and not OptionScope.Training and not OptionScope.RunStore && (scope & s) == s).Select(CommandName))})";

    private static string CommandName(OptionScope scope) => scope == OptionScope.GradientCheck ? "gradcheck" : scope.ToString().ToLowerInvariant();

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
