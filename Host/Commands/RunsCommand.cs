using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Text;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui runs</c>: every run in the runs folder with its preset, optimizer, model, m, update step, lowest smooth and
/// validation loss and last activity.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CommandContext context) => HostedCommand.Create(
        "runs",
        "list the runs with preset, optimizer, model, m, update step, lowest losses and last activity",
        context,
        OptionScope.Runs,
        [],
        run => List(run.Services.GetRequiredService<RunStore>(), context.Console.Out));

    private static int List(RunStore store, TextWriter output)
    {
        var runs = store.List();
        if (runs.Count == 0)
        {
            output.WriteLine($"no runs in {store.Directory}");
            return RnnTuiApp.Ok;
        }

        output.WriteLine($"runs in {store.Directory}:");
        output.WriteLine($"{"run",-24} {"preset",-8} {"optimizer",-10} {"model",-8} {"m",4} {"update step",12}  {"lowest smooth loss",-24}  {"lowest validation loss",-24}  last activity");
        foreach (var folder in runs)
        {
            var summary = RunSummary.Of(folder);
            var best = double.IsFinite(summary.BestSmoothLoss)
                ? $"{Format.Loss(summary.BestSmoothLoss)} (step {Format.Count(summary.BestStep)})"
                : "-";
            var validation = double.IsFinite(summary.BestValidationLoss)
                ? $"{Format.Loss(summary.BestValidationLoss)} (step {Format.Count(summary.BestValidationStep)})"
                : "-";
            var when = summary.LastActivity.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var note = summary.Problem is null ? "" : $"  ({summary.Problem})";
            var preset = Safe(summary.Preset);
            var optimizer = Safe(summary.Optimizer);
            var hidden = summary.Hidden > 0 ? summary.Hidden.ToString(CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"{Safe(folder.Name),-24} {preset,-8} {optimizer,-10} {Safe(summary.Model),-8} {hidden,4} {Format.Count(summary.Step),12}  {best,-24}  {validation,-24}  {when}{note}");
        }

        return RnnTuiApp.Ok;
    }

    private static string Safe(string? text) => text is null ? "-" : SafeText.Escape(text, keepNewlines: false);
}
