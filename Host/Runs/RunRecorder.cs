using System.Diagnostics;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Keeps a run's folder up to date while it trains: a metrics line per progress report, every sample in
/// <c>samples.jsonl</c>, the latest checkpoint every N updates or M minutes and at the end, and the best checkpoint
/// when the smooth loss reaches a new low (throttled). It follows the trainer's events on the training thread; a save
/// asked for from another thread (<see cref="SaveNowAsync"/>) takes a copy between two updates and writes it under the
/// same lock. A disk that refuses is reported once, tried again at the next checkpoint moment (not at every update),
/// and reported once more when saving works again.
/// </summary>
internal sealed class RunRecorder : IDisposable
{
    private readonly object _saving = new();
    private readonly CheckpointSettings _policy;
    private readonly ICheckpointWriter _writer;
    private readonly MetricsWriter _metrics;
    private readonly SampleLog _samples;
    private readonly long _resumedAt;
    private long _lastSaved = -1;
    private long _attemptStep = -1;
    private long _attemptTime = Stopwatch.GetTimestamp();
    private long _bestSavedFor = -1;
    private long _bestAttemptStep = -1;
    private long _bestAttemptTime;
    private bool _failing;
    private SaveStatus _status = SaveStatus.None;

    private RunRecorder(RunFolder folder, CheckpointSettings policy, ICheckpointWriter writer, MetricsWriter metrics, SampleLog samples, long? resumedAt)
    {
        Folder = folder;
        _policy = policy;
        _writer = writer;
        _metrics = metrics;
        _samples = samples;
        _resumedAt = resumedAt ?? -1;
    }

    /// <summary>Raised after a checkpoint is written (on the thread that wrote it).</summary>
    public event Action<CheckpointSaved>? Saved;

    /// <summary>Raised once when checkpoints stop being written (a full or read-only disk); training goes on.</summary>
    public event Action<string>? Failed;

    /// <summary>Raised once when a checkpoint is written again after <see cref="Failed"/>.</summary>
    public event Action<string>? Recovered;

    public RunFolder Folder { get; }

    /// <summary>The update step of the newest latest checkpoint on disk (the one resumed from, or one written), or -1.</summary>
    public long LastSavedStep => Interlocked.Read(ref _lastSaved);

    /// <summary>Whether the checkpoint meant to hold the final state could not be written.</summary>
    public bool FinalSaveFailed { get; private set; }

    /// <summary>The last checkpoint written and a failure since; safe to read from any thread.</summary>
    public SaveStatus Status => Volatile.Read(ref _status);

    /// <summary>
    /// Opens a run folder's logs for writing. For a resumed run (<paramref name="resumedAt"/> set), lines written
    /// after the checkpoint's step (by a run that was killed after it) are dropped first, since the resumed run
    /// writes them again.
    /// </summary>
    /// <exception cref="UsageException">The folder cannot be written.</exception>
    public static RunRecorder Open(RunFolder folder, CheckpointSettings policy, long? resumedAt, ICheckpointWriter writer)
    {
        try
        {
            if (resumedAt is { } step)
            {
                RunLogs.DropAfter(folder, step);
                AtomicFile.DeleteLeftovers(folder.CheckpointsPath);
            }

            var metrics = MetricsWriter.Open(folder.MetricsPath, append: resumedAt is not null);
            return new RunRecorder(folder, policy, writer, metrics, SampleLog.Open(folder.SamplesPath), resumedAt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write to run folder {folder.Path}: {e.Message}");
        }
    }

    /// <summary>Follows a trainer: its progress, samples, updates and end.</summary>
    public void Attach(Trainer trainer)
    {
        _lastSaved = _resumedAt;
        _attemptStep = trainer.Step;
        _bestSavedFor = trainer.BestParametersStep;
        _bestAttemptStep = trainer.Step;
        trainer.Progressed += _metrics.Write;
        trainer.Sampled += _samples.Write;
        trainer.Updated += OnUpdated;
        trainer.Stopping += OnStopping;
    }

    /// <summary>Adds a sample drawn outside the sample interval (the UI's on-demand samples) to <c>samples.jsonl</c>. Any thread.</summary>
    public void RecordSample(TrainingSample sample) => _samples.Write(sample);

    /// <summary>Writes the latest checkpoint (and a pending best) now, from a copy the trainer takes between two updates.</summary>
    /// <exception cref="IOException">The disk refused; the previous checkpoint is intact and <see cref="Status"/> says why.</exception>
    public async Task<string> SaveNowAsync(Trainer trainer)
    {
        var checkpoint = await trainer.CaptureAsync().ConfigureAwait(false);
        return Save(checkpoint) ? Folder.LatestPath : throw new IOException(Status.Failure);
    }

    private void OnUpdated(TrainerTick tick)
    {
        if (!tick.StateIsSound)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var due = tick.Step - _attemptStep >= _policy.EveryUpdates
            || Stopwatch.GetElapsedTime(_attemptTime, now).TotalMinutes >= _policy.EveryMinutes
            || tick.LimitReached;
        if (due)
        {
            Save(tick.Capture());
        }
        else if (tick.BestParametersStep != _bestSavedFor
            && tick.Step - _bestAttemptStep >= _policy.BestEveryUpdates
            && Stopwatch.GetElapsedTime(_bestAttemptTime, now).TotalSeconds >= _policy.BestEverySeconds)
        {
            SaveBest(tick.Capture());
        }
    }

    private void OnStopping(TrainerTick tick)
    {
        if (tick.StateIsSound && (tick.Step != _lastSaved || tick.BestParametersStep != _bestSavedFor))
        {
            FinalSaveFailed = !Save(tick.Capture());
        }
    }

    /// <summary>Writes the latest checkpoint, and the best one when a new low is not yet saved; false when the disk refused.</summary>
    private bool Save(Checkpoint checkpoint)
    {
        lock (_saving)
        {
            (_attemptStep, _attemptTime) = (checkpoint.Step, Stopwatch.GetTimestamp());
            if (checkpoint.Step < _lastSaved)
            {
                return true;  // a later checkpoint is already on disk
            }

            var bytes = CheckpointFormat.Serialize(checkpoint);
            if (!TryWrite(Folder.LatestPath, bytes))
            {
                return false;
            }

            _lastSaved = checkpoint.Step;
            Written(new CheckpointSaved(Folder.LatestPath, checkpoint.Step, checkpoint.BestSmoothLoss));
            return checkpoint.BestParametersStep == _bestSavedFor || WriteBest(checkpoint, bytes);
        }
    }

    private void SaveBest(Checkpoint checkpoint)
    {
        lock (_saving)
        {
            WriteBest(checkpoint, CheckpointFormat.Serialize(checkpoint));
        }
    }

    private bool WriteBest(Checkpoint checkpoint, byte[] bytes)
    {
        (_bestAttemptStep, _bestAttemptTime) = (checkpoint.Step, Stopwatch.GetTimestamp());
        if (!TryWrite(Folder.BestPath, bytes))
        {
            return false;
        }

        _bestSavedFor = checkpoint.BestParametersStep;
        Written(new CheckpointSaved(Folder.BestPath, checkpoint.Step, checkpoint.BestSmoothLoss));
        return true;
    }

    /// <summary>Writes a checkpoint file; a refusing disk is reported (once) and false returned.</summary>
    private bool TryWrite(string path, byte[] bytes)
    {
        try
        {
            _writer.Write(path, bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            return false;
        }
    }

    private void Written(CheckpointSaved saved)
    {
        // A save of the latest checkpoint also writes a pending best one at the same step: the latest is the one to name.
        var current = Status;
        if (saved.Step > current.Step || saved.Path != Folder.BestPath)
        {
            Volatile.Write(ref _status, new SaveStatus(saved.Step, saved.Path, Stopwatch.GetTimestamp(), null));
        }

        if (_failing)
        {
            _failing = false;
            Recovered?.Invoke($"checkpoints are saved again: update step {saved.Step} in {saved.Path}");
        }

        Saved?.Invoke(saved);
    }

    private void Fail(Exception e)
    {
        var message = $"cannot save a checkpoint in {Folder.CheckpointsPath}: {e.Message}";
        Volatile.Write(ref _status, Status with { Failure = message });
        if (!_failing)
        {
            _failing = true;
            Failed?.Invoke($"{message}; training goes on and saving is tried again at the next checkpoint");
        }
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _samples.Dispose();
    }
}
