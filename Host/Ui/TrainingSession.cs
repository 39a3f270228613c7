using System.Collections.Concurrent;
using RnnTui.Cli;
using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Ui;

/// <summary>
/// The run the interactive trainer shows: a <see cref="RunSession"/> (its folder, recorder and trainer) with the
/// trainer on a thread of its own. Reset stops the run, which keeps its final checkpoint, and starts a new run in a
/// new folder from the same settings. Samples drawn on the training thread are queued for the UI to take.
/// </summary>
internal sealed partial class TrainingSession : IDisposable
{
    // Start, stop, reset and close come from the UI thread and from a signal handler's thread: one at a time.
    private readonly object _lifecycle = new();

    /// <summary>How many of a resumed run's samples the samples pane shows again.</summary>
    private const int ResumedSamples = 20;
    private readonly UiLog _log;
    private readonly ConcurrentQueue<TrainingSample> _samples = new();
    private Func<RunSession> _open;
    private RunSession? _run;
    private Thread? _thread;
    private volatile string? _fault;
    private volatile bool _closed;
    private int _generation;
    private double _temperature = double.NaN;

    /// <summary>A session whose first run <paramref name="open"/> creates or resumes when <see cref="Start"/> is called.</summary>
    public TrainingSession(Func<RunSession> open, UiLog log)
    {
        _open = open;
        _log = log;
    }

    /// <summary>A session for what the command line asks: <c>--resume RUN</c>, else a new run (<c>--run NAME</c>).</summary>
    public static TrainingSession FromCommandLine(CommandLine commandLine, UiLog log, CancellationToken cancellationToken = default) =>
        new(() => RunSession.Open(commandLine, keepAlive: true, cancellationToken), log);

    /// <summary>The current run with its folder and recorder; replaced by <see cref="Reset"/>. Safe to read from any thread.</summary>
    public RunSession Run => Volatile.Read(ref _run) ?? throw new InvalidOperationException("the session has not started");

    /// <summary>The current trainer; replaced by <see cref="Reset"/>. Safe to read from any thread.</summary>
    public Trainer Trainer => Run.Trainer;

    /// <summary>The settings of the current run (for a resumed run, those it was saved with).</summary>
    public AppSettings Settings => Run.Run.Settings;

    /// <summary>Counts resets, so that a result computed for an earlier run can be recognised and dropped.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Why the training thread ended with an exception, if it did.</summary>
    public string? Fault => _fault;

    /// <summary>The temperature of interval and on-demand samples and of the playground.</summary>
    public double Temperature => Volatile.Read(ref _temperature);

    /// <summary>The run that a reset stopped and the step its last checkpoint holds ("NAME at 9,846"); null before any reset.</summary>
    public string? PreviousRun { get; private set; }

    /// <summary>Creates or resumes the run (loading the corpus and plugins) and starts training on a new thread.</summary>
    /// <exception cref="UsageException">The settings name an unusable plugin or corpus, or the run cannot be resumed.</exception>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_closed)
            {
                throw new InvalidOperationException("the session is closed");
            }

            var session = _open();
            if (double.IsNaN(_temperature))
            {
                _temperature = session.Run.Settings.Training.Temperature;
            }

            if (session.ResumedFrom is not null)
            {
                // A resumed run shows the samples it already drew, not an empty pane.
                foreach (var sample in SampleLog.Read(session.Folder.SamplesPath).TakeLast(ResumedSamples))
                {
                    _samples.Enqueue(sample);
                }
            }

            var trainer = session.Trainer;
            trainer.SampleTemperature = Temperature;
            trainer.Sampled += _samples.Enqueue;
            var generation = Generation;
            session.Recorder.Saved += saved => OnSaved(generation, saved);
            session.Recorder.Failed += message => OnFailed(generation, message);
            _save = SaveStatus.None;
            _fault = null;
            var thread = new Thread(() => Train(trainer)) { IsBackground = true, Name = "rnntui training" };
            Volatile.Write(ref _run, session);
            _thread = thread;
            thread.Start();
            var run = session.Run;
            var how = session.ResumedFrom is { } from ? $"resumed at update step {from.Step}" : "new";
            _log.Info($"training started: run {session.Folder.Path} ({how}), corpus {run.Corpus.Origin}, K = {run.Shape.VocabularySize}, " +
                      $"m = {run.Shape.HiddenSize}, optimizer {run.OptimizerPlugin.Label} ({run.Optimizer.Description}), backend {run.Backend.Label}");
            if (session.Notice is { } notice)
            {
                _log.Info($"note: {notice}");
            }
        }
    }

    /// <summary>
    /// Stops the trainer and waits for its thread, which writes the run's final checkpoint on the way out; then
    /// closes the run's files and releases its kernel.
    /// </summary>
    public void Stop()
    {
        lock (_lifecycle)
        {
            var session = Volatile.Read(ref _run);
            if (session is null || _thread is null)
            {
                return;
            }

            session.Trainer.RequestStop();
            _thread.Join();
            _thread = null;
            var latest = session.Trainer.Latest;
            var seconds = latest.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? (latest.Step / seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
            _log.Info($"training stopped at update step {latest.Step} after {seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} s of training " +
                      $"({rate} steps/s); best smooth loss {Format.Loss(latest.BestSmoothLoss)} at step {latest.BestStep}; " +
                      (File.Exists(session.Folder.LatestPath) ? $"checkpoint at step {session.Recorder.LastSavedStep} in {session.Folder.LatestPath}" : "no checkpoint written"));
            session.Dispose();
        }
    }

    /// <summary>Stops the run for good (it saves its final checkpoint); later starts and resets do nothing. From any thread.</summary>
    public void Close()
    {
        lock (_lifecycle)
        {
            _closed = true;
            Stop();
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

            var old = Run;
            Stop();
            PreviousRun = File.Exists(old.Folder.LatestPath)
                ? $"{old.Folder.Name} at {Format.Count(old.Recorder.LastSavedStep)}"
                : $"{old.Folder.Name}, no checkpoint";
            _open = () => RunSession.Start(old.Run.Settings, old.Catalog, name: null, keepAlive: true);
            Interlocked.Increment(ref _generation);
            _samples.Clear();
            Start();
        }
    }

    /// <summary>Takes the next queued sample, oldest first.</summary>
    public bool TryTakeSample(out TrainingSample sample) => _samples.TryDequeue(out sample!);

    /// <summary>Sets the sampling temperature, and the trainer's for its interval samples.</summary>
    public void SetTemperature(double temperature)
    {
        Volatile.Write(ref _temperature, temperature);
        _ = Trainer.Invoke(t => t.SampleTemperature = temperature);
    }

    public void Dispose() => Close();

    private void Train(Trainer trainer)
    {
        try
        {
            trainer.RunLoop();
        }
        catch (Exception e)
        {
            // A plugin's bug must not take the terminal down with it: the UI shows the reason, the log the details.
            _fault = e.Message.ReplaceLineEndings(" ");
            _log.Error("training thread failed", e);
        }
    }
}
