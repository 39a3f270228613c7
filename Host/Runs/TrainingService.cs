using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Training as a hosted service: on start it opens the run the command asked for and trains it on a thread of its own;
/// when the host stops (the end of the command, or SIGINT, SIGTERM or SIGHUP through the host's lifetime) it stops the
/// trainer, which writes the final checkpoint, and waits for it. The headless printer and the UI are two views of it:
/// they attach to <see cref="RunStarting"/> and read the current run. The UI's reset stops the run (it keeps its
/// folder and final checkpoint) and starts a new one beside it.
/// </summary>
internal sealed class TrainingService(RunLauncher launcher, RunRequest request, IHostApplicationLifetime lifetime, ILogger<TrainingService> log) : IHostedService, IDisposable
{
    // Start, stop, reset and close come from the host, the UI thread and a signal handler's thread: one at a time.
    private readonly object _lifecycle = new();
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActiveRun? _current;
    private Thread? _thread;
    private CancellationTokenRegistration _stopping;
    private volatile string? _fault;
    private volatile bool _closed;
    private int _generation;

    // Open unless HoldFirstRun closed it: the training thread waits here before its first update.
    private readonly ManualResetEventSlim _go = new(initialState: true);
    private TimeSpan _holdLimit;

    /// <summary>Raised on the thread starting a run, before it trains: views attach to its trainer and recorder here.</summary>
    public event Action<ActiveRun>? RunStarting;

    /// <summary>The current run; replaced by <see cref="Reset"/>. Safe to read from any thread.</summary>
    public ActiveRun Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("training has not started");

    /// <summary>Counts resets, so that a result computed for an earlier run can be recognised and dropped.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Why the training thread ended with an exception, if it did.</summary>
    public string? Fault => _fault;

    /// <summary>The run that a reset stopped and the step its last checkpoint holds ("NAME at 9,846"); null before any reset.</summary>
    public string? PreviousRun { get; private set; }

    /// <summary>Completes when the current run's training thread ends (its limit, a fault, or a stop).</summary>
    public Task Ended => Volatile.Read(ref _ended).Task;

    /// <summary>Opens the run and starts training; a stop of the host's lifetime asks the trainer to stop.</summary>
    /// <exception cref="Settings.UsageException">The settings name an unusable plugin or corpus, or the run cannot be resumed.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartRun(() => launcher.Open(request, cancellationToken));
        _stopping = lifetime.ApplicationStopping.Register(() => Volatile.Read(ref _current)?.Trainer.RequestStop());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps the first run's training thread from starting its updates until <see cref="ReleaseFirstRun"/> (the UI
    /// calls it once its first frame is drawn, so that training does not compete with drawing it for the CPU), a stop,
    /// or <paramref name="atMost"/> after the run starts, whichever comes first. Call it before the host starts.
    /// </summary>
    public void HoldFirstRun(TimeSpan atMost)
    {
        _holdLimit = atMost;
        _go.Reset();
    }

    /// <summary>Lets a run held by <see cref="HoldFirstRun"/> start training; a no-op otherwise.</summary>
    public void ReleaseFirstRun() => _go.Set();

    /// <summary>Stops the trainer and waits for its thread, which writes the final checkpoint.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        return Task.CompletedTask;
    }

    /// <summary>Stops the run for good (it saves its final checkpoint); later resets do nothing. From any thread.</summary>
    public void Close()
    {
        lock (_lifecycle)
        {
            _closed = true;
            _go.Set();
            StopRun();
        }
    }

    /// <summary>
    /// Stops the run, which keeps its folder and final checkpoint, and starts a new run in a new folder of the same
    /// runs folder from the same settings: new parameters, optimizer state and history.
    /// </summary>
    public void Reset()
    {
        lock (_lifecycle)
        {
            if (_closed)
            {
                return;
            }

            var old = Current;
            StopRun();
            PreviousRun = File.Exists(old.Folder.LatestPath)
                ? $"{old.Folder.Name} at {Format.Count(old.Recorder.LastSavedStep)}"
                : $"{old.Folder.Name}, no checkpoint";
            Interlocked.Increment(ref _generation);
            StartRun(() => launcher.Start(name: null, keepAlive: request.KeepAlive, limitGiven: request.LimitGiven));
        }
    }

    public void Dispose()
    {
        Close();
        _stopping.Dispose();
        _go.Dispose();
    }

    private void StartRun(Func<ActiveRun> open)
    {
        lock (_lifecycle)
        {
            if (_closed)
            {
                throw new InvalidOperationException("training has been closed");
            }

            var run = open();
            _fault = null;
            try
            {
                RunStarting?.Invoke(run);
            }
            catch
            {
                run.Dispose();
                throw;
            }

            var trainer = run.Trainer;
            trainer.Failed += snapshot => log.LogError("training of run {Folder} stopped at update step {Step}: {Reason}", run.Folder.Path, snapshot.Step, snapshot.Message);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _ended, ended);
            var thread = new Thread(() => Train(trainer, ended)) { IsBackground = true, Name = "rnntui training" };
            Volatile.Write(ref _current, run);
            _thread = thread;
            thread.Start();
            var d = run.Description;
            var how = run.ResumedFrom is { } from ? $"resumed at update step {from.Step}" : "new";
            log.LogInformation(
                "training started: run {Folder} ({How}), corpus {Corpus}, K = {K}, m = {M}, optimizer {Optimizer} ({OptimizerSettings}), backend {Backend}",
                run.Folder.Path, how, d.Corpus.Origin, d.Shape.VocabularySize, d.Shape.HiddenSize, d.Optimizer.Label, d.OptimizerSettings, d.Backend.Label);
            if (run.Notice is { } notice)
            {
                log.LogInformation("note: {Notice}", notice);
            }
        }
    }

    /// <summary>Stops the current run and waits for its thread, then closes its files and releases its kernel.</summary>
    private void StopRun()
    {
        var run = Volatile.Read(ref _current);
        if (run is null || _thread is null)
        {
            return;
        }

        run.Trainer.RequestStop();
        _thread.Join();
        _thread = null;
        var latest = run.Trainer.Latest;
        var seconds = latest.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (latest.Step / seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        var saved = File.Exists(run.Folder.LatestPath) ? $"checkpoint at step {run.Recorder.LastSavedStep} in {run.Folder.LatestPath}" : "no checkpoint written";
        log.LogInformation(
            "training stopped at update step {Step} after {Seconds} s of training ({Rate} steps/s); best smooth loss {Best} at step {BestStep}; {Saved}",
            latest.Step, seconds.ToString("0.000", CultureInfo.InvariantCulture), rate, Format.Loss(latest.BestSmoothLoss), latest.BestStep, saved);
        run.Dispose();
    }

    private void Train(Trainer trainer, TaskCompletionSource ended)
    {
        try
        {
            _go.Wait(_holdLimit == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : _holdLimit);
            _go.Set();
            trainer.RunLoop();
        }
        catch (Exception e)
        {
            // A plugin's bug must not take the process down with it: the views show the reason, the log the details.
            _fault = e.Message.ReplaceLineEndings(" ");
            log.LogError(e, "training thread failed");
        }
        finally
        {
            ended.TrySetResult();
        }
    }
}
