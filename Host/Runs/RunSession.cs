using RnnTui.Cli;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// A training run with its folder: a new run (named by <c>--run</c> or the time) or one resumed from a checkpoint
/// (<c>--resume RUN</c>), its trainer restored and a <see cref="RunRecorder"/> attached. Headless training and the
/// UI both start here, then call <see cref="Trainer.RunLoop"/> on the thread that is to own the parameters.
/// </summary>
internal sealed class RunSession : IDisposable
{
    private RunSession(RunFolder folder, TrainingRun run, PluginCatalog catalog, Trainer trainer, RunRecorder recorder, Checkpoint? resumedFrom, string? notice)
    {
        Folder = folder;
        Catalog = catalog;
        Run = run;
        Trainer = trainer;
        Recorder = recorder;
        ResumedFrom = resumedFrom;
        Notice = notice;
    }

    public RunFolder Folder { get; }

    public TrainingRun Run { get; }

    /// <summary>The plugins the run was made from, for starting another run like it (the UI's reset).</summary>
    public PluginCatalog Catalog { get; }

    public Trainer Trainer { get; }

    public RunRecorder Recorder { get; }

    /// <summary>The checkpoint the run continues from, or null for a new run.</summary>
    public Checkpoint? ResumedFrom { get; }

    /// <summary>Something the user should know about how the run continues (e.g. not bit-identical), or null.</summary>
    public string? Notice { get; }

    /// <summary>Starts what the command line asks for: <c>--resume RUN</c>, else a new run (<c>--run NAME</c>).</summary>
    /// <param name="commandLine">The parsed command line.</param>
    /// <param name="keepAlive">Whether the trainer keeps serving commands after its limit (the UI).</param>
    /// <param name="cancellationToken">Stops a long corpus read.</param>
    /// <param name="wrapKernel">Wraps the backend's kernel, for observing it.</param>
    /// <param name="catalog">Plugins already discovered, instead of discovering those the settings name.</param>
    /// <exception cref="UsageException">Bad settings, no such run, or a checkpoint that does not fit.</exception>
    public static RunSession Open(CommandLine commandLine, bool keepAlive = false, CancellationToken cancellationToken = default, Func<IRnnKernel, IRnnKernel>? wrapKernel = null, PluginCatalog? catalog = null)
    {
        var settings = SettingsLoader.Load(commandLine);
        if (commandLine.Get("resume") is not { } resume)
        {
            return Start(settings, catalog ?? PluginCatalog.Discover(settings.Plugins), commandLine.Get("run"), keepAlive, cancellationToken, wrapKernel);
        }

        if (commandLine.Has("run"))
        {
            throw new UsageException("--run names a new run; --resume continues an existing one: give one of them");
        }

        var target = RunStore.From(settings).Resolve(resume);
        var folder = target.Folder ?? throw new UsageException($"{resume} is not inside a run's checkpoints folder; resume a run by its name or folder");
        var saved = SettingsLoader.LoadSaved(commandLine, folder.ManifestPath, RunManifest.SettingsJson(folder));
        return Resume(saved, catalog ?? PluginCatalog.Discover(saved.Plugins), folder, target.Checkpoint, keepAlive, cancellationToken, wrapKernel);
    }

    /// <summary>Starts a new run in the settings' runs folder, writing its manifest.</summary>
    public static RunSession Start(AppSettings settings, PluginCatalog catalog, string? name, bool keepAlive = false, CancellationToken cancellationToken = default, Func<IRnnKernel, IRnnKernel>? wrapKernel = null)
    {
        var run = TrainingRun.Create(settings, catalog, cancellationToken, wrapKernel);
        try
        {
            var folder = RunStore.From(settings).Create(name, DateTime.Now);
            RunManifest.Create(folder, run, DateTimeOffset.Now);
            var trainer = new Trainer(run) { KeepAlive = keepAlive };
            var recorder = RunRecorder.Open(folder, settings.Runs, resumedAt: null);
            recorder.Attach(trainer);
            return new RunSession(folder, run, catalog, trainer, recorder, null, null);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Continues a run from one of its checkpoints, with the settings it saved (the command line may override).</summary>
    public static RunSession Resume(AppSettings settings, PluginCatalog catalog, RunFolder folder, string checkpointPath, bool keepAlive = false, CancellationToken cancellationToken = default, Func<IRnnKernel, IRnnKernel>? wrapKernel = null)
    {
        var checkpoint = CheckpointFormat.Read(checkpointPath);
        var run = TrainingRun.Create(settings, catalog, cancellationToken, wrapKernel);
        try
        {
            var trainer = new Trainer(run) { KeepAlive = keepAlive };
            trainer.Restore(checkpoint);
            var recorder = RunRecorder.Open(folder, settings.Runs, resumedAt: checkpoint.Step);
            foreach (var point in RunLogs.ReadMetrics(folder.MetricsPath))
            {
                trainer.History.Add(point.Step, point.SmoothLoss);
            }

            recorder.Attach(trainer);
            RunManifest.AddResume(folder, checkpoint.Step, run.Backend.Name, DateTimeOffset.Now);
            var notice = checkpoint.BackendName.Equals(run.Backend.Name, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"the run was trained on backend {checkpoint.BackendName} and continues on {run.Backend.Name}: the continuation is not bit-identical to one on {checkpoint.BackendName}";
            return new RunSession(folder, run, catalog, trainer, recorder, checkpoint, notice);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Recorder.Dispose();
        Run.Dispose();
    }
}
