using System.Diagnostics;
using RnnTui.Cli;
using RnnTui.Reporting;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Keeps a run's folder up to date while it trains: a metrics line per progress report, every sample in
/// <c>samples.jsonl</c>, the latest checkpoint every N updates or M minutes and at the end, and the best checkpoint
/// when the smooth loss reaches a new low (throttled). Everything runs on the training thread between updates.
/// </summary>
internal sealed class RunRecorder : IDisposable
{
    private readonly RunSettings _policy;
    private readonly MetricsWriter _metrics;
    private readonly SampleLog _samples;
    private long _latestStep = -1;
    private long _latestTime = Stopwatch.GetTimestamp();
    private long _bestSavedFor = -1;
    private long _bestStep = -1;
    private long _bestTime;

    private RunRecorder(RunFolder folder, RunSettings policy, MetricsWriter metrics, SampleLog samples)
    {
        Folder = folder;
        _policy = policy;
        _metrics = metrics;
        _samples = samples;
    }

    /// <summary>Raised on the training thread after a checkpoint is written.</summary>
    public event Action<CheckpointSaved>? Saved;

    /// <summary>Raised on the training thread when a checkpoint cannot be written; training goes on.</summary>
    public event Action<string>? Failed;

    public RunFolder Folder { get; }

    /// <summary>The update step of the last latest checkpoint written, or -1.</summary>
    public long LastSavedStep => _latestStep;

    /// <summary>
    /// Opens a run folder's logs for writing. For a resumed run (<paramref name="resumedAt"/> set), lines written
    /// after the checkpoint's step (by a run that was killed after it) are dropped first, since the resumed run
    /// writes them again.
    /// </summary>
    public static RunRecorder Open(RunFolder folder, RunSettings policy, long? resumedAt)
    {
        if (resumedAt is { } step)
        {
            RunLogs.DropAfter(folder, step);
            AtomicFile.DeleteLeftovers(folder.CheckpointsPath);
        }

        try
        {
            var metrics = MetricsWriter.Open(folder.MetricsPath, append: resumedAt is not null);
            return new RunRecorder(folder, policy, metrics, SampleLog.Open(folder.SamplesPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write to run folder {folder.Path}: {e.Message}");
        }
    }

    /// <summary>Follows a trainer: its progress, samples, updates and end.</summary>
    public void Attach(Trainer trainer)
    {
        _latestStep = trainer.Step;
        _bestSavedFor = trainer.BestStep;
        _bestStep = trainer.Step;
        trainer.Progressed += _metrics.Write;
        trainer.Sampled += _samples.Write;
        trainer.Updated += OnUpdated;
        trainer.Stopping += OnStopping;
    }

    /// <summary>Adds a sample drawn outside the sample interval (the UI's on-demand samples) to <c>samples.jsonl</c>. Training thread only.</summary>
    public void RecordSample(TrainingSample sample) => _samples.Write(sample);

    /// <summary>
    /// Asks the training thread to write the latest checkpoint (and a pending best) now, between two updates.
    /// For the UI's save key; the task ends with the path written.
    /// </summary>
    public Task<string> SaveNowAsync(Trainer trainer) => trainer.Invoke(t =>
    {
        SaveLatest(t);
        return Folder.LatestPath;
    });

    /// <summary>Writes the latest checkpoint, and the best one when a new low is not yet saved. Training thread only.</summary>
    /// <exception cref="IOException">The disk refused; the previous checkpoint is intact.</exception>
    public void SaveLatest(Trainer trainer)
    {
        var bytes = CheckpointFormat.Serialize(trainer.Capture());
        AtomicFile.Write(Folder.LatestPath, bytes);
        _latestStep = trainer.Step;
        _latestTime = Stopwatch.GetTimestamp();
        Saved?.Invoke(new CheckpointSaved(Folder.LatestPath, trainer.Step, trainer.BestSmoothLoss));
        if (trainer.BestStep != _bestSavedFor)
        {
            WriteBest(trainer, bytes);
        }
    }

    private void OnUpdated(Trainer trainer)
    {
        var now = Stopwatch.GetTimestamp();
        var due = trainer.Step - _latestStep >= _policy.EveryUpdates
            || Stopwatch.GetElapsedTime(_latestTime, now).TotalMinutes >= _policy.EveryMinutes
            || trainer.LimitReached;
        if (due)
        {
            TrySave(() => SaveLatest(trainer));
        }
        else if (trainer.BestStep != _bestSavedFor
            && trainer.Step - _bestStep >= _policy.BestEveryUpdates
            && Stopwatch.GetElapsedTime(_bestTime, now).TotalSeconds >= _policy.BestEverySeconds)
        {
            TrySave(() => WriteBest(trainer, CheckpointFormat.Serialize(trainer.Capture())));
        }
    }

    private void OnStopping(Trainer trainer)
    {
        if (trainer.Step != _latestStep || trainer.BestStep != _bestSavedFor)
        {
            TrySave(() => SaveLatest(trainer));
        }
    }

    private void WriteBest(Trainer trainer, byte[] bytes)
    {
        AtomicFile.Write(Folder.BestPath, bytes);
        _bestSavedFor = trainer.BestStep;
        _bestStep = trainer.Step;
        _bestTime = Stopwatch.GetTimestamp();
        Saved?.Invoke(new CheckpointSaved(Folder.BestPath, trainer.Step, trainer.BestSmoothLoss));
    }

    private void TrySave(Action save)
    {
        try
        {
            save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed?.Invoke($"cannot save a checkpoint in {Folder.CheckpointsPath}: {e.Message}");
        }
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _samples.Dispose();
    }
}
