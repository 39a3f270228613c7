namespace RnnTui.Training;

/// <summary>
/// Everything needed to continue a training run exactly where it was: the network, the optimizer's state, the
/// place in the text, the hidden state, the losses, the best parameters and the sampling generator, plus what a
/// resume checks it against (shape, corpus, backend).
/// </summary>
internal sealed class Checkpoint
{
    /// <summary>K, the number of distinct characters.</summary>
    public required int VocabularySize { get; init; }

    /// <summary>m, the number of hidden units (of each layer).</summary>
    public required int HiddenSize { get; init; }

    /// <summary>The model the parameters belong to; the vanilla RNN unless a model section says otherwise.</summary>
    public ModelRecord Model
    {
        get => _model ?? ModelRecord.Vanilla(VocabularySize, HiddenSize);
        init => _model = value;
    }

    private readonly ModelRecord? _model;

    /// <summary>Characters per training sequence.</summary>
    public required int SeqLength { get; init; }

    /// <summary>The vocabulary, in index order (K characters).</summary>
    public required char[] Vocabulary { get; init; }

    /// <summary>The parameters being trained, in the flat layout of the shape.</summary>
    public required double[] Parameters { get; init; }

    /// <summary>The parameters that reached <see cref="BestSmoothLoss"/>.</summary>
    public required double[] BestParameters { get; init; }

    /// <summary>The recurrent state carried into the next sequence (the model's state size; m values for the vanilla RNN).</summary>
    public required double[] Hidden { get; init; }

    /// <summary>The index of the text's character after <see cref="Hidden"/>; -1 when not known (a checkpoint of an older version).</summary>
    public int Next { get; init; } = -1;

    /// <summary>Where an unprimed sample of the latest parameters starts: <see cref="Hidden"/> and <see cref="Next"/>; null when not known.</summary>
    public SampleStart? Start => Next >= 0 ? new SampleStart(Hidden, Next) : null;

    /// <summary>The hidden state training had at <see cref="BestParameters"/> and the next character; null when not known.</summary>
    public SampleStart? BestStart { get; init; }

    /// <summary>
    /// With a batch of two or more, every stream's place and hidden state (stream 0's are also <see cref="Position"/>
    /// and <see cref="Hidden"/>); null for batch 1.
    /// </summary>
    public StreamsState? Streams { get; init; }

    /// <summary>The batch the run trained with.</summary>
    public int Batch => Streams?.Count ?? 1;

    /// <summary>The optimizer plugin's name.</summary>
    public required string OptimizerName { get; init; }

    /// <summary>The optimizer's named state buffers.</summary>
    public required IReadOnlyList<(string Name, double[] Values)> OptimizerState { get; init; }

    /// <summary>The sampling generator's four state words.</summary>
    public required ulong[] SampleRandomState { get; init; }

    /// <summary>Updates done.</summary>
    public required long Step { get; init; }

    /// <summary>The current pass over the text, from 1.</summary>
    public required long Epoch { get; init; }

    /// <summary>Where the next sequence starts in the text.</summary>
    public required int Position { get; init; }

    /// <summary>The loss of the last sequence.</summary>
    public required double Loss { get; init; }

    public required double SmoothLoss { get; init; }

    public required double BestSmoothLoss { get; init; }

    public required long BestStep { get; init; }

    /// <summary>Characters held out at the text's end for the validation loss (0: none).</summary>
    public int HeldOutLength { get; init; }

    /// <summary>The validation loss where it stood (<see cref="ValidationResult.None"/> without a validation split).</summary>
    public ValidationResult Validation { get; init; } = ValidationResult.None;

    /// <summary>
    /// The update step of <see cref="BestParameters"/>: <see cref="BestStep"/>, or with <c>--best-by validation</c> the
    /// step of the lowest validation loss (kept in the validation section; <see cref="BestStep"/> without one).
    /// </summary>
    public long BestParametersStep
    {
        get => _bestParametersStep ?? BestStep;
        init => _bestParametersStep = value;
    }

    private readonly long? _bestParametersStep;

    /// <summary>Time spent training so far.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The corpus's length in characters.</summary>
    public required int CorpusLength { get; init; }

    /// <summary>SHA-256 of the encoded corpus, so that a resume on another text is refused.</summary>
    public required byte[] CorpusHash { get; init; }

    /// <summary>The backend that computed the run, so that a resume elsewhere can say it is not bit-identical.</summary>
    public required string BackendName { get; init; }

    /// <summary>When the checkpoint was taken.</summary>
    public required DateTimeOffset SavedAt { get; init; }
}
