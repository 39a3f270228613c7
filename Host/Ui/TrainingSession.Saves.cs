using System.Diagnostics;
using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Ui;

internal sealed partial class TrainingSession
{
    private SaveStatus _save = SaveStatus.None;

    /// <summary>The current run's last checkpoint and save failure; safe to read from any thread.</summary>
    public SaveStatus Save => Volatile.Read(ref _save);

    /// <summary>
    /// Writes the current run's latest checkpoint between two updates (the save key). The task ends with the
    /// path written; when the disk refuses, the failure is also kept in <see cref="Save"/> and training goes on.
    /// </summary>
    public Task<string> SaveNowAsync()
    {
        var run = Run;
        var generation = Generation;
        return run.Recorder.SaveNowAsync(run.Trainer).ContinueWith(
            task =>
            {
                if (task.Exception?.GetBaseException() is { } error)
                {
                    var message = error is IOException or UnauthorizedAccessException
                        ? $"cannot save a checkpoint in {run.Folder.CheckpointsPath}: {error.Message}"
                        : error.Message;
                    OnFailed(generation, message);
                    throw new IOException(message, error);
                }

                return task.Result;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Shows a sample drawn on demand in the samples pane and keeps it in its run's <c>samples.jsonl</c>. Call on
    /// the training thread of <paramref name="trainer"/>, inside <see cref="Trainer.Invoke{T}"/>.
    /// </summary>
    public void AddSample(Trainer trainer, TrainingSample sample)
    {
        if (KeepSample(trainer, sample))
        {
            _samples.Enqueue(sample);
        }
    }

    /// <summary>
    /// Keeps a sample shown elsewhere (best parameters, playground) in its run's <c>samples.jsonl</c>. Returns false
    /// for a sample of a run that a reset has replaced, which is dropped. Training thread only, like <see cref="AddSample"/>.
    /// </summary>
    public bool KeepSample(Trainer trainer, TrainingSample sample)
    {
        var run = Volatile.Read(ref _run);
        if (run is null || !ReferenceEquals(run.Trainer, trainer))
        {
            return false;
        }

        try
        {
            run.Recorder.RecordSample(sample);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The sample is still shown; losing its line in the log must not lose it on the screen too.
            _log.Error($"cannot keep a sample in {run.Folder.SamplesPath}", e);
        }

        return true;
    }

    private void OnSaved(int generation, CheckpointSaved saved)
    {
        // A save of the latest checkpoint also writes a pending best one at the same step: the latest is the one to name.
        var current = Save;
        if (generation == Generation && (saved.Step > current.Step || saved.Path != Run.Folder.BestPath))
        {
            Volatile.Write(ref _save, new SaveStatus(saved.Step, saved.Path, Stopwatch.GetTimestamp(), null));
        }
    }

    private void OnFailed(int generation, string message)
    {
        _log.Error(message);
        if (generation == Generation)
        {
            Volatile.Write(ref _save, Save with { Failure = message });
        }
    }
}
