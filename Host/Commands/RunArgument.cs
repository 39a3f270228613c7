using System.CommandLine;
using RnnTui.Runs;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// The run a command names (<c>sample RUN</c>, <c>report RUN</c>, <c>--resume RUN</c>) and the settings to use with
/// it: those the run saved, under the environment and the command line as usual.
/// </summary>
internal static class RunArgument
{
    /// <summary>
    /// Finds the run and returns the layers of its saved settings with the command line's options applied (or the
    /// settings file's, when a checkpoint file outside any run is named).
    /// </summary>
    /// <exception cref="UsageException">Nothing by that name, or a bad option.</exception>
    public static (RunTarget Target, SettingsLayers Layers) Resolve(CommandContext context, SettingOptions options, ParseResult parse, string run)
    {
        var layers = context.Layers();
        options.Apply(parse, layers, context);
        var target = new RunStore(new SettingsReader(layers.Build()).Read<RunsSettings>()).Resolve(run);
        if (target.Folder is { } folder && File.Exists(folder.ManifestPath))
        {
            layers = layers.WithBase(SettingsLayers.FromText(folder.ManifestPath, RunManifest.SettingsJson(folder)));
            layers.NameRunPreset(RunManifest.Text(folder, "preset"));
            options.Apply(parse, layers, context);
        }

        return (target, layers);
    }
}
