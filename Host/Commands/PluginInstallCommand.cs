using System.CommandLine;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui plugins install PATH [--force]</c>: puts a plugin (its DLL with its folder, its folder, or a .nupkg) in
/// the user's plugin folder and lists what it provides; a plugin that cannot be used is refused in one line, exit 2,
/// and nothing is changed. It needs no generic host: it runs no plugin's work and writes no log worth keeping.
/// </summary>
internal static class PluginInstallCommand
{
    public static Command Create(CommandContext context)
    {
        var path = new Argument<string>("PATH") { Description = "a plugin's DLL (its folder is installed with it), its folder, or a .nupkg" };
        var force = new Option<bool>("--force") { Description = "replace an installed plugin of the same name" };
        var install = new Command("install", "install a plugin in your plugin folder ($XDG_DATA_HOME/rnntui/plugins)") { path, force };
        install.SetAction(parse =>
        {
            var userRoot = PluginRoot.UserFolder ?? throw new UsageException("cannot tell where your plugin folder is: neither XDG_DATA_HOME nor HOME is set");
            var folders = new SettingsReader(context.Layers().Build()).Read<PluginSelection>().Folders;
            var installed = PluginInstaller.Install(parse.GetValue(path)!, userRoot, folders, parse.GetValue(force));
            context.Console.Line($"{(installed.Replaced ? "replaced" : "installed")} {installed.Name} in {installed.Folder}");
            foreach (var plugin in installed.Plugins.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                context.Console.Line($"  {plugin.Kind.Word(),-10} {plugin.Name,-12} {plugin.Version,-9} {plugin.Description}");
                context.Console.Line($"  {"",-10} select it: {HowToSelect(plugin)}");
            }

            return RnnTuiApp.Ok;
        });
        return install;
    }

    /// <summary>The option or setting that selects a plugin of its kind.</summary>
    private static string HowToSelect(PluginInfo plugin) => plugin.Kind switch
    {
        PluginKind.Optimizer => $"rnntui train --optimizer {plugin.Name} (or Plugins:Optimizer in {SettingsLayers.FileName})",
        PluginKind.Backend => $"rnntui train --backend {plugin.Name} (or Plugins:Backend in {SettingsLayers.FileName})",
        PluginKind.Model => $"rnntui train --model {plugin.Name} (or Plugins:Model in {SettingsLayers.FileName})",
        _ => $"Plugins:Corpus in {SettingsLayers.FileName}, or RNNTUI_Plugins__Corpus={plugin.Name}",
    };
}
