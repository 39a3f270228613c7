using System.Diagnostics;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Keeps a run's folder up to date while it trains: a metrics line per progress report, every sample in
/// <c>samples.jsonl</c>, the latest checkpoint every N updates or M minutes and at the end, and the best checkpoint
/// when the smooth loss reaches a new low (throttled). It follows the trainer's events on the training thread; a
/// save asked for from another thread (<see cref="SaveNowAsync"/>) takes a copy between two updates and writes it
/// under the same lock.
/// </summary>
internal sealed class RunRecorder : IDisposable
{
    private readonly object _saving = new();
    private readonly CheckpointSettings _policy;
    private readonly MetricsWriter _metrics;
    private readonly SampleLog _samples;
    private long _latestStep = -1;
    private long _latestTime = Stopwatch.GetTimestamp();
    private long _bestSavedFor = -1;
    private long _bestStep = -1;
    private long _bestTime;
    private SaveStatus _status = SaveStatus.None;

    private RunRecorder(RunFolder folder, CheckpointSettings policy, MetricsWriter metrics, SampleLog samples)
    {
        Folder = folder;
        _policy = policy;
        _metrics = metrics;
        _samples = samples;
    }

    /// <summary>Raised after a checkpoint is written (on the thread that wrote it).</summary>
    public event Action<CheckpointSaved>? Saved;

    /// <summary>Raised when a checkpoint cannot be written; training goes on.</summary>
    public event Action<string>? Failed;

    public RunFolder Folder { get; }

    /// <summary>The update step of the last latest checkpoint written, or -1.</summary>
    public long LastSavedStep => Interlocked.Read(ref _latestStep);

    /// <summary>The last checkpoint written and a failure since; safe to read from any thread.</summary>
    public SaveStatus Status => Volatile.Read(ref _status);

    /// <summary>
    /// Opens a run folder's logs for writing. For a resumed run (<paramref name="resumedAt"/> set), lines written
    /// after the checkpoint's step (by a run that was killed after it) are dropped first, since the resumed run
    /// writes them again.
    /// </summary>
    /// <exception cref="UsageException">The folder cannot be written.</exception>
    public static RunRecorder Open(RunFolder folder, CheckpointSettings policy, long? resumedAt)
    {
        try
        {
            if (resumedAt is { } step)
            {
                RunLogs.DropAfter(folder, step);
                AtomicFile.DeleteLeftovers(folder.CheckpointsPath);
            }

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

    /// <summary>Adds a sample drawn outside the sample interval (the UI's on-demand samples) to <c>samples.jsonl</c>. Any thread.</summary>
    public void RecordSample(TrainingSample sample) => _samples.Write(sample);

    /// <summary>
    /// Writes the latest checkpoint (and a pending best) now, from a copy the trainer takes between two updates. The
    /// task ends with the path written.
    /// </summary>
    /// <exception cref="IOException">The disk refused; the previous checkpoint is intact and <see cref="Status"/> says why.</exception>
    public async Task<string> SaveNowAsync(Trainer trainer)
    {
        var checkpoint = await trainer.CaptureAsync().ConfigureAwait(false);
        try
        {
            SaveLatest(checkpoint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = Report(e);
            throw new IOException(message, e);
        }

        return Folder.LatestPath;
    }

    private void SaveLatest(Checkpoint checkpoint)
    {
        lock (_saving)
        {
            if (checkpoint.Step < _latestStep)
            {
                return;  // a later checkpoint is already on disk
            }

            var bytes = CheckpointFormat.Serialize(checkpoint);
            AtomicFile.Write(Folder.LatestPath, bytes);
            _latestStep = checkpoint.Step;
            _latestTime = Stopwatch.GetTimestamp();
            Written(new CheckpointSaved(Folder.LatestPath, checkpoint.Step, checkpoint.BestSmoothLoss));
            if (checkpoint.BestStep != _bestSavedFor)
            {
                WriteBest(checkpoint, bytes);
            }
        }
    }

    private void OnUpdated(TrainerTick tick)
    {
        var now = Stopwatch.GetTimestamp();
        var due = tick.Step - _latestStep >= _policy.EveryUpdates
            || Stopwatch.GetElapsedTime(_latestTime, now).TotalMinutes >= _policy.EveryMinutes
            || tick.LimitReached;
        if (due)
        {
            TrySave(() => SaveLatest(tick.Capture()));
        }
        else if (tick.BestStep != _bestSavedFor
            && tick.Step - _bestStep >= _policy.BestEveryUpdates
            && Stopwatch.GetElapsedTime(_bestTime, now).TotalSeconds >= _policy.BestEverySeconds)
        {
            TrySave(() =>
            {
                var checkpoint = tick.Capture();
                lock (_saving)
                {
                    WriteBest(checkpoint, CheckpointFormat.Serialize(checkpoint));
                }
            });
        }
    }

    private void OnStopping(TrainerTick tick)
    {
        if (tick.Step != _latestStep || tick.BestStep != _bestSavedFor)
        {
            TrySave(() => SaveLatest(tick.Capture()));
        }
    }

    private void WriteBest(Checkpoint checkpoint, byte[] bytes)
    {
        AtomicFile.Write(Folder.BestPath, bytes);
        _bestSavedFor = checkpoint.BestStep;
        _bestStep = checkpoint.Step;
        _bestTime = Stopwatch.GetTimestamp();
        Written(new CheckpointSaved(Folder.BestPath, checkpoint.Step, checkpoint.BestSmoothLoss));
    }

    private void Written(CheckpointSaved saved)
    {
        // A save of the latest checkpoint also writes a pending best one at the same step: the latest is the one to name.
        var current = Status;
        if (saved.Step > current.Step || saved.Path != Folder.BestPath)
        {
            Volatile.Write(ref _status, new SaveStatus(saved.Step, saved.Path, Stopwatch.GetTimestamp(), null));
        }

        Saved?.Invoke(saved);
    }

    private void TrySave(Action save)
    {
        try
        {
            save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(e);
        }
    }

    private string Report(Exception e)
    {
        var message = $"cannot save a checkpoint in {Folder.CheckpointsPath}: {e.Message}";
        Volatile.Write(ref _status, Status with { Failure = message });
        Failed?.Invoke(message);
        return message;
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _samples.Dispose();
    }
}
