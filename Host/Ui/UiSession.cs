using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Ui;

/// <summary>
/// The UI's side of the training service: the current run, the samples waiting to be shown, the sampling temperature,
/// and the requests the keys make. Every request goes to the trainer's thread and comes back as a task; a sample
/// drawn on demand is kept in its run's <c>samples.jsonl</c> and queued for the samples pane, unless a reset
/// replaced the run meanwhile.
/// </summary>
internal sealed class UiSession
{
    /// <summary>How many of a resumed run's samples the samples pane shows again.</summary>
    private const int ResumedSamples = 20;

    private readonly TrainingService _service;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<TrainingSample> _samples = new();
    private double _temperature = double.NaN;
    private ActiveRun? _current;

    public UiSession(TrainingService service, ILogger log)
    {
        _service = service;
        _log = log;
        service.RunStarting += OnRunStarting;
    }

    /// <summary>The current run; replaced by <see cref="Reset"/>. Safe to read from any thread.</summary>
    public ActiveRun Run => _service.Current;

    public Trainer Trainer => Run.Trainer;

    /// <summary>The settings of the current run (for a resumed run, those it was saved with).</summary>
    public AppSettings Settings => Run.Description.Settings;

    /// <summary>Counts resets, so that a result computed for an earlier run can be recognised and dropped.</summary>
    public int Generation => _service.Generation;

    /// <summary>Why the training thread ended with an exception, if it did.</summary>
    public string? Fault => _service.Fault;

    /// <summary>The run a reset stopped and the step of its last checkpoint; null before any reset.</summary>
    public string? PreviousRun => _service.PreviousRun;

    /// <summary>The temperature of interval and on-demand samples and of the playground.</summary>
    public double Temperature => Volatile.Read(ref _temperature);

    public ILogger Log => _log;

    /// <summary>Takes the next queued sample, oldest first.</summary>
    public bool TryTakeSample(out TrainingSample sample) => _samples.TryDequeue(out sample!);

    /// <summary>Sets the sampling temperature, and the trainer's for its interval samples.</summary>
    public void SetTemperature(double temperature)
    {
        Volatile.Write(ref _temperature, temperature);
        _ = Trainer.SetSampleTemperatureAsync(temperature);
    }

    /// <summary>A sample of the sample length from the current parameters and hidden state, kept and shown.</summary>
    public Task<TrainingSample> SampleNowAsync(string origin) =>
        Keep(Run, Trainer.SampleAsync(Settings.Training.SampleLength, new SamplingOptions(Temperature), origin));

    /// <summary>A sample that continues <paramref name="prime"/>, kept and shown with the priming text in front.</summary>
    public Task<TrainingSample> PrimeAsync(string prime, string origin) =>
        Keep(Run, Trainer.ContinueAsync(prime, Settings.Training.SampleLength, new SamplingOptions(Temperature), origin));

    /// <summary>A passage from the best parameters, kept in the run's samples (not queued: it is shown in a window).</summary>
    public Task<TrainingSample> SampleBestAsync(int length, double temperature) =>
        Keep(Run, Trainer.SampleBestAsync(length, new SamplingOptions(temperature)), show: false);

    /// <summary>The playground's continuation of a text, kept in the run's samples with the text in front.</summary>
    public Task<TrainingSample> ContinueAsync(string prefix, int length, double temperature, string origin) =>
        Keep(Run, Trainer.ContinueAsync(prefix, length, new SamplingOptions(temperature), origin, fromZero: true), show: false);

    /// <summary>Writes the current run's latest checkpoint now; the run pane shows the result.</summary>
    public Task<string> SaveNowAsync() => Run.SaveNowAsync();

    /// <summary>Stops the run (it keeps its final checkpoint) and starts a new one beside it.</summary>
    public void Reset() => _service.Reset();

    /// <summary>Stops training for good; the run saves its final checkpoint.</summary>
    public void Close() => _service.Close();

    private async Task<TrainingSample> Keep(ActiveRun run, Task<TrainingSample> drawn, bool show = true)
    {
        var sample = await drawn.ConfigureAwait(false);

        if (ReferenceEquals(run, Volatile.Read(ref _current)))
        {
            run.KeepSample(sample);
            if (show)
            {
                _samples.Enqueue(sample);
            }
        }

        return sample;
    }

    private void OnRunStarting(ActiveRun run)
    {
        Volatile.Write(ref _current, run);
        if (double.IsNaN(Temperature))
        {
            Volatile.Write(ref _temperature, run.Description.Settings.Training.Temperature);
        }

        _samples.Clear();
        if (run.ResumedFrom is not null)
        {
            // A resumed run shows the samples it already drew, not an empty pane.
            foreach (var sample in SampleLog.Read(run.Folder.SamplesPath).TakeLast(ResumedSamples))
            {
                _samples.Enqueue(sample);
            }
        }

        _ = run.Trainer.SetSampleTemperatureAsync(Temperature);
        run.Trainer.Sampled += _samples.Enqueue;
    }
}
