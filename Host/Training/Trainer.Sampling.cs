namespace RnnTui.Training;

internal sealed partial class Trainer
{
    private double? _sampleTemperature;

    /// <summary>
    /// The temperature of the samples drawn at the sample interval; starts at the settings' value. Set it on the
    /// training thread (inside <see cref="Invoke{T}"/>), or before <see cref="RunLoop"/> starts.
    /// </summary>
    public double SampleTemperature
    {
        get => _sampleTemperature ?? _run.Settings.Training.Temperature;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _sampleTemperature = value;
        }
    }

    /// <summary>
    /// Samples from the current parameters and hidden state, starting at the next character of the text, as the
    /// samples of the report's question 3 are drawn. Call on the training thread.
    /// </summary>
    public TrainingSample SampleCurrent(int length, SamplingOptions options, string origin)
    {
        var first = Reader.Position < _text.Length ? _text[Reader.Position] : _text[0];
        var text = _sampler.Generate(Parameters, Hidden, first, length, options, SampleRandom);
        return new TrainingSample(Step, SmoothLoss, text, origin);
    }

    /// <summary>
    /// Samples from the parameters that achieved the lowest smooth loss (the report's question 4), from h = 0 and the
    /// text's first character. Call on the training thread.
    /// </summary>
    public TrainingSample SampleBest(int length, SamplingOptions options)
    {
        var text = _sampler.Generate(BestParameters, new double[Hidden.Length], _text[0], length, options, SampleRandom);
        return new TrainingSample(BestStep, BestSmoothLoss, text, "best parameters");
    }

    private void RaiseSample(string origin)
    {
        var training = _run.Settings.Training;
        var options = new SamplingOptions(SampleTemperature);
        Sampled?.Invoke(SampleCurrent(training.SampleLength, options, origin));
    }
}
