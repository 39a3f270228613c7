namespace RnnTui.Training;

/// <summary>
/// Everything training changes, owned by the training thread: three parameter buffers that trade places (current,
/// best, spare), the gradients, the hidden state, the place in the text, the sampling generator and the losses. Only
/// the <see cref="Trainer"/> that made it holds it; nothing outside sees these buffers.
/// </summary>
internal sealed class TrainingState
{
    private const double SmoothingFactor = 0.999;

    public TrainingState(TrainingSetup setup)
    {
        var description = setup.Description;
        Parameters = (double[])setup.InitialParameters.Clone();
        Best = (double[])Parameters.Clone();
        Spare = new double[Parameters.Length];
        Gradients = new double[description.Shape.ParameterCount];
        Hidden = new double[description.Shape.StateSize];
        HiddenBefore = new double[description.Shape.StateSize];
        BestHidden = new double[description.Shape.StateSize];
        Text = description.Corpus.Text;
        BestNext = Text[0];
        Reader = new SequenceReader(description.Corpus.TrainingText, description.Settings.Model.SeqLength);
        var batch = description.Settings.Training.Batch;
        Streams = batch > 1 ? new BatchStreams(description.Corpus.TrainingText, Reader, batch, description.Shape.StateSize) : null;
        SampleRandom = new Xoshiro256(unchecked((description.Settings.Model.Seed * 0x9E3779B97F4A7C15UL) + 0x5851F42D4C957F2DUL));
    }

    /// <summary>The current parameters; the buffer changes when the best and spare buffers trade places with it.</summary>
    public double[] Parameters { get; set; }

    /// <summary>The parameters that reached the lowest smooth loss.</summary>
    public double[] Best { get; set; }

    /// <summary>A buffer an out-of-place optimizer step writes into before the three trade places.</summary>
    public double[] Spare { get; set; }

    public double[] Gradients { get; }

    /// <summary>The hidden state carried into the next sequence.</summary>
    public double[] Hidden { get; }

    /// <summary>The hidden state before the update in progress, to go back to when it fails.</summary>
    public double[] HiddenBefore { get; }

    /// <summary>The hidden state training had at <see cref="Best"/>, where an unprimed sample of them starts.</summary>
    public double[] BestHidden { get; }

    /// <summary>The text's character after <see cref="BestHidden"/>; -1 when not known (a checkpoint of an older version).</summary>
    public int BestNext { get; set; }

    /// <summary>The text's character after <see cref="Hidden"/>: the first input of the next sequence.</summary>
    public int Next => Reader.Position < Text.Length ? Text[Reader.Position] : Text[0];

    /// <summary>Where an unprimed sample of the best parameters starts; null when not known.</summary>
    public SampleStart? BestStart => BestNext >= 0 ? new SampleStart((double[])BestHidden.Clone(), BestNext) : null;

    /// <summary>The whole encoded text (training reads its head when a validation tail is held out).</summary>
    public int[] Text { get; }

    /// <summary>The reader of the text; with a batch, that of stream 0.</summary>
    public SequenceReader Reader { get; }

    /// <summary>With a batch of two or more, every stream's place and hidden state; null with batch 1.</summary>
    public BatchStreams? Streams { get; }

    /// <summary>
    /// The current pass over the text, from 1. With a batch of B, an epoch is S sequences read across all the streams
    /// (S the sequences of one pass), so the epoch counts the updates' sequences, not one stream's passes.
    /// </summary>
    public long Epoch => Streams is { } streams ? 1 + (Step * streams.Count / Reader.SequencesPerEpoch) : Reader.Epoch;

    /// <summary>How far through the current epoch training is, from 0 to 1.</summary>
    public double EpochProgress => Streams is { } streams
        ? (double)(Step * streams.Count % Reader.SequencesPerEpoch) / Reader.SequencesPerEpoch
        : Reader.EpochProgress;

    /// <summary>Whether <paramref name="epochs"/> epochs have been read.</summary>
    public bool EpochsDone(long epochs) => Streams is { } streams
        ? Step * streams.Count >= epochs * Reader.SequencesPerEpoch
        : Reader.AtEpochEnd && Reader.Epoch >= epochs;

    public Xoshiro256 SampleRandom { get; }

    public long Step { get; set; }

    public double Loss { get; set; } = double.NaN;

    public double SmoothLoss { get; set; } = double.NaN;

    public double BestSmoothLoss { get; set; } = double.PositiveInfinity;

    public long BestStep { get; set; }

    /// <summary>The latest validation loss, its place and cost, and the lowest one; NaN, infinity and 0 before the first.</summary>
    public ValidationResult Validation { get; set; } = ValidationResult.None;

    /// <summary>Time a resumed run had spent training before.</summary>
    public TimeSpan ElapsedBefore { get; set; }

    /// <summary>
    /// Counts an update with its loss: smooth = 0.999 smooth + 0.001 loss (the first loss as it is), and a new lowest
    /// smooth loss when reached. Returns whether it was reached (with the parameters before the update).
    /// </summary>
    public bool Record(double loss)
    {
        Loss = loss;
        SmoothLoss = Step == 0 ? loss : (SmoothingFactor * SmoothLoss) + ((1 - SmoothingFactor) * loss);
        Step++;
        if (SmoothLoss < BestSmoothLoss)
        {
            BestSmoothLoss = SmoothLoss;
            BestStep = Step;
            return true;
        }

        return false;
    }

    /// <summary>Keeps the hidden state and next character of now as those of the best parameters.</summary>
    public void KeepBestStart()
    {
        Hidden.CopyTo(BestHidden, 0);
        BestNext = Next;
    }

    /// <summary>Puts the hidden state and the place in the text back to before a failed update.</summary>
    public void Rewind(int position, long epoch)
    {
        HiddenBefore.CopyTo(Hidden, 0);
        Reader.Seek(position, epoch);
        if (Streams is { } streams)
        {
            streams.Rewind();
        }
    }

    /// <summary>With a batch, makes <see cref="Hidden"/> stream 0's hidden state, where samples start.</summary>
    public void ShowFirstStream()
    {
        if (Streams is { } streams)
        {
            streams.HiddenOf(0).CopyTo(Hidden);
        }
    }
}
