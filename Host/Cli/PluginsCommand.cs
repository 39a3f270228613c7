using RnnTui.Plugins;

namespace RnnTui.Cli;

/// <summary><c>rnntui plugins</c>: every plugin found, with kind, name, version, description and path, then the problems.</summary>
internal static class PluginsCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console)
    {
        var settings = SettingsLoader.Load(commandLine);
        var catalog = PluginCatalog.Discover(settings.Plugins);
        Write(catalog, settings.Plugins, console.Out);
        return App.Ok;
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
            output.WriteLine($"{plugin.Kind.ToString().ToLowerInvariant(),-10} {plugin.Name + mark,-12} {plugin.Version,-9} {plugin.Description}");
            output.WriteLine($"{"",-10} {"",-12} {"",-9} {plugin.AssemblyPath}");
        }

        output.WriteLine("(* = selected in the settings)");
        foreach (var disabled in catalog.Disabled)
        {
            output.WriteLine($"disabled: {disabled.Reason} [{disabled.Path}]");
        }

        if (catalog.Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{catalog.Problems.Count} problem(s):");
            foreach (var problem in catalog.Problems)
            {
                output.WriteLine($"  {problem.Path}: {problem.Reason}");
            }
        }
    }
}
