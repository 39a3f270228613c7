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
/// <param name="LimitGiven">
/// Whether a step or epoch limit was asked for: by a layer of the settings for a new run, or above the run's own
/// settings (environment, preset, command line) for a resumed one. Without one, the UI trains until stopped and
/// continues a run that is at its limit.
/// </param>
internal sealed record RunRequest(string? Name = null, RunTarget? Resume = null, bool KeepAlive = false, bool LimitGiven = true);

/// <summary>
/// Makes <see cref="ActiveRun"/>s from the settings in force: a new run in a new folder of the run store (its
/// manifest written), or a run resumed from one of its checkpoints (its trainer restored, its logs trimmed back to
/// the checkpoint). Every training command starts its runs here. The UI (a trainer kept alive) trains without a limit
/// when none was asked for, and continues a run that is at its limit; headless training keeps the settings' limit.
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
            ? Resume(target, request.KeepAlive, request.LimitGiven, cancellationToken)
            : Start(request.Name, request.KeepAlive, request.LimitGiven, cancellationToken);

    /// <summary>Starts a new run in the store, writing its manifest (with the limit it trains to: none for the UI unless one was given).</summary>
    public ActiveRun Start(string? name, bool keepAlive = false, bool limitGiven = true, CancellationToken cancellationToken = default)
    {
        var inForce = keepAlive && !limitGiven ? WithoutLimit(settings, 0) : settings;
        var trainer = new Trainer(TrainingSetup.Create(inForce, catalog, cancellationToken, WrapKernel)) { KeepAlive = keepAlive };
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

    /// <summary>
    /// Continues a run from its checkpoint, with the settings in force (for a run, those it saved). In the UI, a run at
    /// its limit continues without one unless a limit was given; the limit used is written to its run.json.
    /// </summary>
    public ActiveRun Resume(RunTarget target, bool keepAlive = false, bool limitGiven = true, CancellationToken cancellationToken = default)
    {
        var folder = target.Folder ?? throw new UsageException($"{target.Label} is not inside a run's checkpoints folder; resume a run by its name or folder");
        var checkpoint = CheckpointFormat.Read(target.Checkpoint);
        var trainer = new Trainer(TrainingSetup.Create(settings, catalog, cancellationToken, WrapKernel)) { KeepAlive = keepAlive };
        try
        {
            trainer.Restore(checkpoint);
            if (keepAlive && !limitGiven && trainer.LimitReached)
            {
                // The run's limit is behind it: it goes on until stopped, its learning-rate schedule kept as it was.
                var lifted = new Trainer(TrainingSetup.Create(WithoutLimit(settings, trainer.Description.UpdateLimit), catalog, cancellationToken, WrapKernel)) { KeepAlive = keepAlive };
                trainer.Dispose();
                trainer = lifted;
                trainer.Restore(checkpoint);
            }

            if (!keepAlive && trainer.LimitReached)
            {
                // Refused before anything in the folder is touched: a refused command changes no file.
                var training = settings.Training;
                var limit = training.Steps > 0 ? $"--steps {training.Steps}" : $"--epochs {training.Epochs}";
                throw new UsageException($"run {folder.Name} is at update step {checkpoint.Step}, its limit ({limit}); give a higher --steps or --epochs to continue it");
            }

            var recorder = RunRecorder.Open(folder, settings.Checkpoints, resumedAt: checkpoint.Step, writer);
            var validationStep = 0L;
            foreach (var point in RunLogs.ReadMetrics(folder.MetricsPath))
            {
                trainer.History.Add(point.Step, point.SmoothLoss);

                // Each line repeats the latest validation loss until the next evaluation: one point per evaluation.
                if (point.ValidationStep > validationStep && double.IsFinite(point.ValidationLoss))
                {
                    validationStep = point.ValidationStep;
                    trainer.ValidationHistory.Add(point.ValidationStep, point.ValidationLoss);
                }
            }

            recorder.Attach(trainer);
            var backend = trainer.Description.Backend.Name;
            RunManifest.AddResume(folder, checkpoint.Step, backend, DateTimeOffset.Now, trainer.Description.Settings);
            var notice = checkpoint.BackendName.Equals(backend, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"the run was trained on backend {checkpoint.BackendName} and continues on {backend}: the continuation is not bit-identical to one on {checkpoint.BackendName}";
            var threads = trainer.Description.Settings.Training.Threads;
            if (checkpoint.Streams is { } streams && streams.Threads != threads)
            {
                // The threads fix the order in which the batch's gradients are summed.
                var change = $"the run's batch was computed on {streams.Threads} threads and continues on {threads}: the continuation is not bit-identical to one on {streams.Threads}";
                notice = notice is null ? change : $"{notice}; {change}";
            }
            return new ActiveRun(folder, trainer, recorder, checkpoint, notice, Logger(recorder));
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The settings without a step or epoch limit. A cosine schedule that spanned the limit keeps its length
    /// (<paramref name="spannedUpdates"/>, the old limit in updates), so that lifting the limit changes no learning rate.
    /// </summary>
    private static AppSettings WithoutLimit(AppSettings settings, long spannedUpdates)
    {
        var rate = settings.LearningRate;
        if (rate.Schedule == LearningRateSettings.Cosine && rate.CosineUpdates == 0 && spannedUpdates > 0)
        {
            rate = rate with { CosineUpdates = Math.Max(1, spannedUpdates - rate.WarmupUpdates) };
        }

        return settings with { Training = settings.Training with { Steps = 0, Epochs = 0 }, LearningRate = rate };
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
