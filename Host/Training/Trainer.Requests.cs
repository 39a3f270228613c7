using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>
/// What other threads may ask of the trainer. Each request runs on the training thread between two updates (or at
/// once after the loop has ended) and returns a task of something the caller owns: a sample, probabilities, a copy.
/// </summary>
internal sealed partial class Trainer
{
    private double _sampleTemperature;

    public bool IsPaused => _paused;

    /// <summary>The temperature of the samples drawn at the sample interval; starts at the settings' value.</summary>
    public double SampleTemperature => Volatile.Read(ref _sampleTemperature);

    public void Pause() => SetPaused(true);

    public void Resume() => SetPaused(false);

    /// <summary>Asks the loop to return after the current update.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _commands.Wake();
    }

    /// <summary>Sets the temperature of the samples drawn at the sample interval from now on.</summary>
    public Task SetSampleTemperatureAsync(double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        return _commands.Enqueue(() =>
        {
            Volatile.Write(ref _sampleTemperature, temperature);
            return true;
        });
    }

    /// <summary>
    /// A sample from the current parameters and hidden state, starting at the next character of the text, as the
    /// samples of the report's question 3 are drawn.
    /// </summary>
    public Task<TrainingSample> SampleAsync(int length, SamplingOptions options, string origin) =>
        _commands.Enqueue(() => SampleCurrent(length, options, origin));

    /// <summary>
    /// A sample from the best parameters (the report's question 4), from the hidden state training had at them and the
    /// text's next character; from h = 0 when that is not known (a run resumed from a checkpoint of an older version,
    /// until its next new best).
    /// </summary>
    public Task<TrainingSample> SampleBestAsync(int length, SamplingOptions options) => _commands.Enqueue(() =>
    {
        var (text, from) = _sampler.Start(_state.Best, _state.BestStart, length, options, _state.SampleRandom);
        return new TrainingSample(BestParametersStep, _state.BestSmoothLoss, text, "best parameters", options, From: from);
    });

    /// <summary>
    /// The probabilities of the character after <paramref name="text"/>, fed from h = 0 to the current parameters
    /// (softmax(c / T) for an empty text), in vocabulary order.
    /// </summary>
    /// <exception cref="ArgumentException">The text has a character not in the vocabulary.</exception>
    public Task<double[]> PredictAsync(string text, double temperature)
    {
        var codes = Description.Corpus.Vocabulary.Encode(text);
        return _commands.Enqueue(() =>
        {
            var probabilities = new double[Description.Shape.VocabularySize];
            _sampler.Predict(_state.Parameters, codes, temperature, probabilities);
            return probabilities;
        });
    }

    /// <summary>
    /// <paramref name="prime"/> fed to the current parameters and continued by <paramref name="length"/> characters drawn
    /// with the run's sampling generator; returns the priming text and its continuation, with the step and smooth loss it
    /// was drawn at. The text is fed from the hidden state training has now, or with <paramref name="fromZero"/> from
    /// h = 0 (as <see cref="PredictAsync"/> does).
    /// </summary>
    /// <exception cref="ArgumentException">The text has a character not in the vocabulary.</exception>
    public Task<TrainingSample> ContinueAsync(string prime, int length, SamplingOptions options, string origin, bool fromZero = false)
    {
        var codes = Description.Corpus.Vocabulary.Encode(prime);
        return _commands.Enqueue(() =>
        {
            if (codes.Length == 0 && !fromZero)
            {
                return SampleCurrent(length, options, origin);
            }

            var hidden = fromZero ? null : (double[])_state.Hidden.Clone();
            var text = _sampler.Continue(_state.Parameters, hidden, codes, length, options, _state.SampleRandom);
            return new TrainingSample(_state.Step, _state.SmoothLoss, prime + text, origin, options, prime, fromZero ? SampleFrom.Zero : SampleFrom.TrainingState);
        });
    }

    /// <summary>A copy of everything needed to continue exactly from here, taken between two updates.</summary>
    public Task<Checkpoint> CaptureAsync() => _commands.Enqueue(Capture);

    /// <summary>A copy of everything needed to continue exactly from here. On the training thread, or before or after the loop.</summary>
    /// <exception cref="InvalidOperationException">A failed optimizer step left a state that could not be rebuilt.</exception>
    public Checkpoint Capture()
    {
        EnsureOwner();
        return _stateIsSound
            ? _checkpoints.Capture(Elapsed)
            : throw new InvalidOperationException("the run's state was left half updated by a failing optimizer and is not saved");
    }

    /// <summary>
    /// Puts the trainer in the state a checkpoint recorded, after checking that it belongs to this run's shape, text
    /// and optimizer. Before <see cref="RunLoop"/>.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint does not fit this run; the message says how.</exception>
    public void Restore(Checkpoint checkpoint)
    {
        EnsureOwner();
        _checkpoints.Restore(checkpoint, _clock.Elapsed);
        _status = TrainerStatus.Running;
        _message = null;
        Publish(force: true);
    }

    private TrainingSample SampleCurrent(int length, SamplingOptions options, string origin)
    {
        var sample = _sampler.Generate(_state.Parameters, _state.Hidden, _state.Next, length, options, _state.SampleRandom);
        return new TrainingSample(_state.Step, _state.SmoothLoss, sample, origin, options, From: SampleFrom.TrainingState);
    }

    private void RaiseSample(string origin)
    {
        var options = new SamplingOptions(SampleTemperature);
        TrainingSample sample;
        try
        {
            sample = SampleCurrent(Description.Settings.Training.SampleLength, options, origin);
        }
        catch (PluginException e)
        {
            // The backend failed in a step of the sample: training stops as when it fails in an update.
            _status = TrainerStatus.Faulted;
            _message = e.Message;
            Progressed?.Invoke(Publish(force: true));
            return;
        }

        Sampled?.Invoke(sample);
    }

    private void SetPaused(bool paused)
    {
        _paused = paused;
        _commands.Wake();
    }
}

/// <summary>
/// What an observer may ask of the trainer during an event on the training thread: where training stands and a copy
/// of its state. Valid only during the event.
/// </summary>
internal readonly struct TrainerTick(Trainer trainer)
{
    public long Step => trainer.Step;

    public long BestStep => trainer.BestStep;

    /// <summary>The update step of the best parameters (see <see cref="Trainer.BestParametersStep"/>).</summary>
    public long BestParametersStep => trainer.BestParametersStep;

    public double BestSmoothLoss => trainer.BestSmoothLoss;

    public bool LimitReached => trainer.LimitReached;

    /// <summary>Whether the state may be saved (see <see cref="Trainer.StateIsSound"/>).</summary>
    public bool StateIsSound => trainer.StateIsSound;

    /// <summary>A copy of everything needed to continue exactly from here.</summary>
    public Checkpoint Capture() => trainer.Capture();
}
