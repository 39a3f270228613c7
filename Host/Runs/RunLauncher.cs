using Microsoft.Extensions.Logging;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>What run a training command asks for: a new one (named, or after the time) or one to resume.</summary>
/// <param name="Name">The new run's name (<c>--run</c>), or null for the time it starts.</param>
/// <param name="Resume">The run or checkpoint to continue (<c>--resume</c>), or null for a new run.</param>
/// <param name="KeepAlive">Whether the trainer keeps serving requests after its limit (the UI).</param>
internal sealed record RunRequest(string? Name = null, RunTarget? Resume = null, bool KeepAlive = false);

/// <summary>
/// Makes <see cref="ActiveRun"/>s from the settings in force: a new run in a new folder of the run store (its
/// manifest written), or a run resumed from one of its checkpoints (its trainer restored, its logs trimmed back to
/// the checkpoint). Every training command starts its runs here.
/// </summary>
internal sealed class RunLauncher(AppSettings settings, PluginCatalog catalog, RunStore store, ILoggerFactory logs, ICheckpointWriter writer)
{
    /// <summary>Wraps the backend's kernel of every run made, for observing it (tests, profiling).</summary>
    public Func<IRnnKernel, IRnnKernel>? WrapKernel { get; set; }

    public AppSettings Settings => settings;

    /// <summary>Starts what the request asks for.</summary>
    /// <exception cref="UsageException">Bad settings, an unusable corpus or plugin, or a checkpoint that does not fit.</exception>
    public ActiveRun Open(RunRequest request, CancellationToken cancellationToken = default) =>
        request.Resume is { } target
            ? Resume(target, request.KeepAlive, cancellationToken)
            : Start(request.Name, request.KeepAlive, cancellationToken);

    /// <summary>Starts a new run in the store, writing its manifest.</summary>
    public ActiveRun Start(string? name, bool keepAlive = false, CancellationToken cancellationToken = default)
    {
        var trainer = new Trainer(TrainingSetup.Create(settings, catalog, cancellationToken, WrapKernel)) { KeepAlive = keepAlive };
        try
        {
            var folder = store.Create(name, DateTime.Now);
            try
            {
                RunManifest.Create(folder, trainer.Description, DateTimeOffset.Now);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write to run folder {folder.Path}: {e.Message}");
            }

            var recorder = RunRecorder.Open(folder, settings.Checkpoints, resumedAt: null, writer);
            recorder.Attach(trainer);
            return new ActiveRun(folder, trainer, recorder, null, null, Logger(recorder));
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>Continues a run from its checkpoint, with the settings in force (for a run, those it saved).</summary>
    public ActiveRun Resume(RunTarget target, bool keepAlive = false, CancellationToken cancellationToken = default)
    {
        var folder = target.Folder ?? throw new UsageException($"{target.Label} is not inside a run's checkpoints folder; resume a run by its name or folder");
        var checkpoint = CheckpointFormat.Read(target.Checkpoint);
        var trainer = new Trainer(TrainingSetup.Create(settings, catalog, cancellationToken, WrapKernel)) { KeepAlive = keepAlive };
        try
        {
            trainer.Restore(checkpoint);
            if (!keepAlive && trainer.LimitReached)
            {
                // Refused before anything in the folder is touched: a refused command changes no file.
                var training = settings.Training;
                var limit = training.Steps > 0 ? $"--steps {training.Steps}" : $"--epochs {training.Epochs}";
                throw new UsageException($"run {folder.Name} is at update step {checkpoint.Step}, its limit ({limit}); give a higher --steps or --epochs to continue it");
            }

            var recorder = RunRecorder.Open(folder, settings.Checkpoints, resumedAt: checkpoint.Step, writer);
            foreach (var point in RunLogs.ReadMetrics(folder.MetricsPath))
            {
                trainer.History.Add(point.Step, point.SmoothLoss);
            }

            recorder.Attach(trainer);
            var backend = trainer.Description.Backend.Name;
            RunManifest.AddResume(folder, checkpoint.Step, backend, DateTimeOffset.Now);
            var notice = checkpoint.BackendName.Equals(backend, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"the run was trained on backend {checkpoint.BackendName} and continues on {backend}: the continuation is not bit-identical to one on {checkpoint.BackendName}";
            return new ActiveRun(folder, trainer, recorder, checkpoint, notice, Logger(recorder));
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>The run's logger, which also records every checkpoint written and every save that failed.</summary>
    private ILogger Logger(RunRecorder recorder)
    {
        var log = logs.CreateLogger<ActiveRun>();
        recorder.Saved += saved => log.LogDebug("saved {Path} at update step {Step}", saved.Path, saved.Step);
        recorder.Failed += message => log.LogError("{Message}", message);
        recorder.Recovered += message => log.LogInformation("{Message}", message);
        return log;
    }
}
