using RnnTui.Runs;

namespace RnnTui.Cli;

/// <summary>The RUN argument of <c>sample</c> and <c>report</c>, with the settings the run saved.</summary>
internal static class RunArgument
{
    /// <summary>
    /// Finds the run the command names and loads its saved settings (the command line still overrides), or the
    /// current settings when a checkpoint file outside any run is named.
    /// </summary>
    /// <exception cref="UsageException">No RUN given, or nothing by that name.</exception>
    public static (RunTarget Target, AppSettings Settings) Load(CommandLine commandLine, string command)
    {
        if (commandLine.Arguments.Count == 0)
        {
            throw new UsageException($"rnntui {command} needs RUN: a run's name, its folder or a checkpoint file (rnntui runs lists them)");
        }

        var current = SettingsLoader.Load(commandLine);
        var target = RunStore.From(current).Resolve(commandLine.Arguments[0]);
        var settings = target.Folder is { } folder && File.Exists(folder.ManifestPath)
            ? SettingsLoader.LoadSaved(commandLine, folder.ManifestPath, RunManifest.SettingsJson(folder))
            : current;
        return (target, settings);
    }
}
