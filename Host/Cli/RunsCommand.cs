using System.Globalization;
using RnnTui.Runs;
using RnnTui.Text;

namespace RnnTui.Cli;

/// <summary><c>rnntui runs</c>: every run in the runs folder with its update step, lowest smooth loss and last activity.</summary>
internal static class RunsCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console)
    {
        var store = RunStore.From(SettingsLoader.Load(commandLine));
        var runs = store.List();
        if (runs.Count == 0)
        {
            console.Out.WriteLine($"no runs in {store.Directory}");
            return App.Ok;
        }

        console.Out.WriteLine($"runs in {store.Directory}:");
        console.Out.WriteLine($"{"run",-24} {"update step",12}  {"lowest smooth loss",-24}  last activity");
        foreach (var folder in runs)
        {
            var summary = RunSummary.Of(folder);
            var best = double.IsFinite(summary.BestSmoothLoss)
                ? $"{Format.Loss(summary.BestSmoothLoss)} (step {Format.Count(summary.BestStep)})"
                : "-";
            var when = summary.LastActivity.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var note = summary.Problem is null ? "" : $"  ({summary.Problem})";
            console.Out.WriteLine($"{SafeText.Escape(folder.Name, keepNewlines: false),-24} {Format.Count(summary.Step),12}  {best,-24}  {when}{note}");
        }

        return App.Ok;
    }
}
