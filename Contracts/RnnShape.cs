namespace RnnTui.Contracts;

/// <summary>
/// The size and parameter layout of a character-level recurrent network: <see cref="VocabularySize"/> K characters,
/// <see cref="HiddenSize"/> m hidden units, and the flat parameter buffer that every backend, optimizer and checkpoint
/// shares, cut into named <see cref="Segments"/>. Made with K and m alone, it is the vanilla RNN (the model <c>rnn</c>):
/// U, W, V, b, c one after another. A model plugin (<see cref="IRecurrentModel"/>) makes the shape of its own network
/// with the other constructor (added in 1.5).
/// </summary>
/// <remarks>
/// Element order inside the vanilla RNN's matrices:
/// <list type="bullet">
/// <item><description>U (m x K) is stored by column: element (i, k) at <c>k * m + i</c>, so U x_t for a one-hot
/// x_t is the contiguous slice of character k.</description></item>
/// <item><description>W (m x m) and V (K x m) are stored by row: element (i, j) at <c>i * m + j</c>.</description></item>
/// <item><description>b (m) and c (K) are plain vectors.</description></item>
/// </list>
/// </remarks>
public sealed record RnnShape
{
    /// <summary>The name of the vanilla RNN's model.</summary>
    public const string VanillaModel = "rnn";

    private readonly IReadOnlyList<ParameterSegment>? _segments;

    /// <summary>Creates the shape of a vanilla RNN, rejecting sizes that are not positive.</summary>
    /// <param name="vocabularySize">K, the number of distinct characters.</param>
    /// <param name="hiddenSize">m, the number of hidden units.</param>
    public RnnShape(int vocabularySize, int hiddenSize)
    {
        if (vocabularySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "K must be at least 1");
        }

        if (hiddenSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "m must be at least 1");
        }

        VocabularySize = vocabularySize;
        HiddenSize = hiddenSize;
        Model = VanillaModel;
        Layers = 1;
        StateSize = hiddenSize;
    }

    /// <summary>
    /// Creates the shape of another model: its name, its recurrent state and its segments, which must follow one
    /// another from offset 0 with no gap. Added in 1.5.
    /// </summary>
    /// <param name="vocabularySize">K, the number of distinct characters.</param>
    /// <param name="hiddenSize">m, the hidden units of each layer.</param>
    /// <param name="model">The model's name, e.g. <c>lstm</c>; <see cref="VanillaModel"/> is taken by the vanilla RNN.</param>
    /// <param name="layers">The recurrent layers stacked.</param>
    /// <param name="stateSize">The length of one sequence's recurrent state, e.g. 2 m per layer for an LSTM (h and c).</param>
    /// <param name="segments">The parameter segments in buffer order.</param>
    public RnnShape(int vocabularySize, int hiddenSize, string model, int layers, int stateSize, IReadOnlyList<ParameterSegment> segments)
        : this(vocabularySize, hiddenSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(segments);
        if (model == VanillaModel)
        {
            throw new ArgumentException($"the model name {VanillaModel} is the vanilla RNN's: make its shape with (K, m)", nameof(model));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        if (segments.Count == 0)
        {
            throw new ArgumentException("a model has at least one segment", nameof(segments));
        }

        var offset = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            if (segment.Offset != offset || segment.Rows < 1 || segment.Columns < 1 || !names.Add(segment.Name))
            {
                throw new ArgumentException($"segment {segment.Name} must start at {offset}, have a positive size and a name of its own", nameof(segments));
            }

            offset = segment.End;
        }

        Model = model;
        Layers = layers;
        StateSize = stateSize;
        _segments = [.. segments];
    }

    /// <summary>K, the number of distinct characters.</summary>
    public int VocabularySize { get; }

    /// <summary>m, the number of hidden units (of each layer).</summary>
    public int HiddenSize { get; }

    /// <summary>The model's name: <see cref="VanillaModel"/> for the vanilla RNN. Added in 1.5.</summary>
    public string Model { get; }

    /// <summary>The recurrent layers stacked: 1 for the vanilla RNN. Added in 1.5.</summary>
    public int Layers { get; }

    /// <summary>
    /// The length of one sequence's recurrent state, which the kernels take in and give back as <c>hidden</c>: m for the
    /// vanilla RNN. Added in 1.5.
    /// </summary>
    public int StateSize { get; }

    /// <summary>Whether this is the vanilla RNN, whose segments <see cref="U"/> to <see cref="C"/> name.</summary>
    public bool IsVanilla => _segments is null;

    /// <summary>U, the vanilla RNN's input weights (m x K), stored by column.</summary>
    /// <exception cref="InvalidOperationException">The shape is another model's.</exception>
    public ParameterSegment U => new("U", Vanilla(0), HiddenSize, VocabularySize);

    /// <summary>W, the vanilla RNN's recurrent weights (m x m), stored by row.</summary>
    /// <exception cref="InvalidOperationException">The shape is another model's.</exception>
    public ParameterSegment W => new("W", U.End, HiddenSize, HiddenSize) { Init = SegmentInit.Recurrent };

    /// <summary>V, the vanilla RNN's output weights (K x m), stored by row.</summary>
    /// <exception cref="InvalidOperationException">The shape is another model's.</exception>
    public ParameterSegment V => new("V", W.End, VocabularySize, HiddenSize);

    /// <summary>b, the vanilla RNN's hidden bias (m).</summary>
    /// <exception cref="InvalidOperationException">The shape is another model's.</exception>
    public ParameterSegment B => new("b", V.End, HiddenSize, 1) { Init = SegmentInit.Zero };

    /// <summary>c, the vanilla RNN's output bias (K).</summary>
    /// <exception cref="InvalidOperationException">The shape is another model's.</exception>
    public ParameterSegment C => new("c", B.End, VocabularySize, 1) { Init = SegmentInit.Zero };

    /// <summary>The segments in buffer order: U, W, V, b, c for the vanilla RNN.</summary>
    public IReadOnlyList<ParameterSegment> Segments => _segments ?? [U, W, V, B, C];

    /// <summary>The length of the flat parameter buffer: 2mK + m^2 + m + K for the vanilla RNN.</summary>
    public int ParameterCount => _segments is { } segments ? segments[^1].End : C.End;

    /// <summary>Whether two shapes are the same model of the same sizes and layout.</summary>
    public bool Equals(RnnShape? other) =>
        other is not null
        && VocabularySize == other.VocabularySize
        && HiddenSize == other.HiddenSize
        && Model == other.Model
        && Layers == other.Layers
        && StateSize == other.StateSize
        && Segments.SequenceEqual(other.Segments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(VocabularySize, HiddenSize, Model, Layers, StateSize, ParameterCount);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Model}: K = {VocabularySize}, m = {HiddenSize}{(Layers > 1 ? $", {Layers} layers" : "")}, {ParameterCount} parameters";

    private int Vanilla(int offset) => _segments is null
        ? offset
        : throw new InvalidOperationException($"U, W, V, b and c are the vanilla RNN's segments; this shape is the model {Model}'s (see Segments)");
}
