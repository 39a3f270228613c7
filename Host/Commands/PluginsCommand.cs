using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui plugins</c>: every plugin found, with kind, name, version, description, where it came from (built-in,
/// the user's plugin folder or a <c>Plugins:Folders</c> entry), its path and settings, then those turned off, the names
/// more than one plugin claims, the folders searched, and the problems. Its subcommands (<c>install</c>, ...) each live
/// in a file of their own and are listed in <see cref="Subcommands"/>.
/// </summary>
internal static class PluginsCommand
{
    public static Command Create(CommandContext context)
    {
        var plugins = HostedCommand.Create(
            "plugins",
            "list the plugins found, with kind, name, version, origin, path and settings",
            context,
            OptionScope.Plugins,
            [],
            run =>
            {
                Write(run.Services.GetRequiredService<PluginCatalog>(), run.Services.GetRequiredService<AppSettings>().Plugins, context.Console.Out);
                return RnnTuiApp.Ok;
            });
        foreach (var subcommand in Subcommands(context))
        {
            plugins.Add(subcommand);
        }

        return plugins;
    }

    /// <summary>The subcommands of <c>rnntui plugins</c>, one file each.</summary>
    private static IEnumerable<Command> Subcommands(CommandContext context) =>
    [
        PluginInstallCommand.Create(context),
        PluginsCheckCommand.Create(context),
    ];

    public static void Write(PluginCatalog catalog, PluginSelection selection, TextWriter output)
    {
        output.WriteLine($"{"KIND",-10} {"NAME",-12} {"VERSION",-9} DESCRIPTION");
        foreach (var plugin in catalog.Plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var selected = plugin.Kind switch
            {
                PluginKind.Optimizer => selection.Optimizer,
                PluginKind.Backend => selection.Backend,
                PluginKind.Model => selection.Model,
                _ => selection.Corpus,
            };
            var mark = plugin.Name.Equals(selected, StringComparison.OrdinalIgnoreCase) ? "*" : " ";
            output.WriteLine($"{plugin.Kind.Word(),-10} {plugin.Name + mark,-12} {plugin.Version,-9} {plugin.Description}");
            output.WriteLine($"{"",-10} {"",-12} {"",-9} {plugin.Origin.Word()}: {plugin.AssemblyPath}");
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

        output.WriteLine();
        output.WriteLine("plugin folders:");
        foreach (var root in catalog.Roots)
        {
            var state = root.Origin == PluginOrigin.User && !Directory.Exists(root.Path) ? " (none yet: rnntui plugins install PATH puts plugins here)" : "";
            output.WriteLine($"  {root.Origin.Word()}: {root.Path}{state}");
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
