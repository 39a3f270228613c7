using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui plugins</c>: every plugin found, with kind, name, version, description, path and settings, then those
/// turned off, the names more than one plugin claims, and the problems.
/// </summary>
internal static class PluginsCommand
{
    public static Command Create(CommandContext context) => WithSubcommands(context, HostedCommand.Create(
        "plugins",
        "list the plugins found, with kind, name, version, path and settings",
        context,
        OptionScope.Plugins,
        [],
        run =>
        {
            Write(run.Services.GetRequiredService<PluginCatalog>(), run.Services.GetRequiredService<AppSettings>().Plugins, context.Console.Out);
            return RnnTuiApp.Ok;
        }));

    /// <summary>The subcommands of <c>plugins</c>, one file each.</summary>
    private static Command WithSubcommands(CommandContext context, Command plugins)
    {
        plugins.Add(PluginsCheckCommand.Create(context));
        return plugins;
    }

    public static void Write(PluginCatalog catalog, PluginSelection selection, TextWriter output)
    {
        output.WriteLine($"{"KIND",-10} {"NAME",-12} {"VERSION",-9} DESCRIPTION");
        foreach (var plugin in catalog.Plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var selected = plugin.Kind switch
            {
                PluginKind.Optimizer => selection.Optimizer,
                PluginKind.Backend => selection.Backend,
                _ => selection.Corpus,
            };
            var mark = plugin.Name.Equals(selected, StringComparison.OrdinalIgnoreCase) ? "*" : " ";
            output.WriteLine($"{plugin.Kind.Word(),-10} {plugin.Name + mark,-12} {plugin.Version,-9} {plugin.Description}");
            output.WriteLine($"{"",-10} {"",-12} {"",-9} {plugin.AssemblyPath}");
            foreach (var setting in plugin.Settings)
            {
                var option = setting.Option is null ? "" : $" (--{setting.Option})";
                output.WriteLine($"{"",-10} {"",-12} {"",-9} {setting.Name}{option}: {setting.Description}; {SettingValue.Expected(setting)}, default {setting.DefaultValue ?? "none"}");
            }
        }

        output.WriteLine("(* = selected in the settings)");
        foreach (var disabled in catalog.Disabled)
        {
            output.WriteLine($"disabled: {disabled}");
        }

        foreach (var clash in catalog.Clashes)
        {
            output.WriteLine($"not used: {clash.Message}");
        }

        if (catalog.Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{catalog.Problems.Count} problem(s):");
            foreach (var problem in catalog.Problems)
            {
                output.WriteLine($"  {problem}");
            }
        }
    }
}
