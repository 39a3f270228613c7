using System.Collections.Concurrent;
using RnnTui.Cli;
using RnnTui.Plugins;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Ui;

/// <summary>
/// The run the interactive trainer shows: a <see cref="Trainer"/> on a thread of its own, that can be stopped and
/// re-created from the settings (reset). Samples drawn on the training thread are queued for the UI to take.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    private readonly PluginCatalog _catalog;
    private readonly UiLog _log;
    private readonly ConcurrentQueue<TrainingSample> _samples = new();
    private Trainer? _trainer;
    private Thread? _thread;
    private volatile string? _fault;
    private int _generation;
    private double _temperature;

    public TrainingSession(AppSettings settings, PluginCatalog catalog, UiLog log)
    {
        Settings = settings;
        _catalog = catalog;
        _log = log;
        _temperature = settings.Training.Temperature;
    }

    public AppSettings Settings { get; }

    /// <summary>The current trainer; replaced by <see cref="Reset"/>. Safe to read from any thread.</summary>
    public Trainer Trainer => Volatile.Read(ref _trainer) ?? throw new InvalidOperationException("the session has not started");

    /// <summary>Counts resets, so that a result computed for an earlier run can be recognised and dropped.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Why the training thread ended with an exception, if it did.</summary>
    public string? Fault => _fault;

    /// <summary>The temperature of interval and on-demand samples and of the playground.</summary>
    public double Temperature => Volatile.Read(ref _temperature);

    /// <summary>Creates the run (loading the corpus and plugins) and starts training on a new thread.</summary>
    /// <exception cref="UsageException">The settings name an unusable plugin or corpus.</exception>
    public void Start()
    {
        var run = TrainingRun.Create(Settings, _catalog);
        var trainer = new Trainer(run) { KeepAlive = true, SampleTemperature = Temperature };
        trainer.Sampled += _samples.Enqueue;
        _fault = null;
        var thread = new Thread(() => Train(trainer)) { IsBackground = true, Name = "rnntui training" };
        Volatile.Write(ref _trainer, trainer);
        _thread = thread;
        thread.Start();
        _log.Info($"training started: corpus {run.Corpus.Origin}, K = {run.Shape.VocabularySize}, m = {run.Shape.HiddenSize}, " +
                  $"optimizer {run.OptimizerPlugin.Label} ({run.Optimizer.Description}), backend {run.Backend.Label}");
    }

    /// <summary>Stops the trainer and waits for its thread; the run's kernel is released.</summary>
    public void Stop()
    {
        var trainer = Volatile.Read(ref _trainer);
        if (trainer is null || _thread is null)
        {
            return;
        }

        trainer.RequestStop();
        _thread.Join();
        _thread = null;
        var latest = trainer.Latest;
        var seconds = latest.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (latest.Step / seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
        _log.Info($"training stopped at update step {latest.Step} after {seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} s of training " +
                  $"({rate} steps/s); best smooth loss {Format.Loss(latest.BestSmoothLoss)} at step {latest.BestStep}");
        trainer.Run.Dispose();
    }

    /// <summary>Stops the run and starts a fresh one from the same settings: new parameters, optimizer state and history.</summary>
    public void Reset()
    {
        Stop();
        Interlocked.Increment(ref _generation);
        _samples.Clear();
        Start();
    }

    /// <summary>Queues a sample for the samples pane (from any thread).</summary>
    public void AddSample(TrainingSample sample) => _samples.Enqueue(sample);

    /// <summary>Takes the next queued sample, oldest first.</summary>
    public bool TryTakeSample(out TrainingSample sample) => _samples.TryDequeue(out sample!);

    /// <summary>Sets the sampling temperature, and the trainer's for its interval samples.</summary>
    public void SetTemperature(double temperature)
    {
        Volatile.Write(ref _temperature, temperature);
        _ = Trainer.Invoke(t => t.SampleTemperature = temperature);
    }

    public void Dispose() => Stop();

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
