using RnnTui.Plugins;
using RnnTui.Reporting;
using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Cli;

/// <summary>
/// <c>rnntui train --headless</c>: trains printing a progress line every progress interval and a sample before the
/// first update and every sample interval; at the end (limit, or Ctrl+C) prints the lowest smooth loss, its step and
/// a passage sampled from the parameters that achieved it. The run's folder keeps its settings, metrics, samples
/// and checkpoints; <c>--resume</c> continues one.
/// </summary>
internal static class TrainCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console, CancellationToken cancellationToken)
    {
        using var session = RunSession.Open(commandLine, keepAlive: false, cancellationToken);
        var run = session.Run;
        if (session.ResumedFrom is { } from && session.Trainer.LimitReached)
        {
            var limit = run.Settings.Training.Steps > 0 ? $"--steps {run.Settings.Training.Steps}" : $"--epochs {run.Settings.Training.Epochs}";
            throw new UsageException($"run {session.Folder.Name} is at update step {from.Step}, its limit ({limit}); give a higher --steps or --epochs to continue it");
        }

        using var metrics = commandLine.Get("metrics") is { } metricsPath ? OpenMetrics(metricsPath) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops cleanly after the current update; a second one ends the process at once.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var output = new HeadlessPrinter(commandLine.Has("raw") ? console with { IsTerminal = false } : console);
            output.Header(run);
            output.RunFolder(session);
            var trainer = session.Trainer;
            trainer.Progressed += snapshot =>
            {
                output.Progress(snapshot);
                metrics?.Write(snapshot);
            };
            trainer.Sampled += output.Sample;
            session.Recorder.Failed += message => console.Error.WriteLine($"rnntui: {message}");
            trainer.RunLoop(stop.Token);

            var final = trainer.Latest;
            if (final.Status is TrainerStatus.Diverged or TrainerStatus.Faulted)
            {
                console.Error.WriteLine($"rnntui: {final.Message}");
            }

            if (stop.IsCancellationRequested)
            {
                console.Out.WriteLine($"stopped at update step {Format.Count(final.Step)}");
            }

            output.Summary(trainer);
            output.Saved(session);
            return final.Status is TrainerStatus.Diverged or TrainerStatus.Faulted ? App.Failed : App.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static MetricsWriter OpenMetrics(string path)
    {
        try
        {
            return MetricsWriter.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write metrics file {path}: {e.Message}");
        }
    }
}
