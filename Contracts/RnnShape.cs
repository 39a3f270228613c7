namespace RnnTui.Contracts;

/// <summary>
/// The size of a vanilla character RNN: <see cref="VocabularySize"/> K characters and <see cref="HiddenSize"/> m
/// hidden units. It also fixes the layout of the flat parameter buffer that every backend, optimizer and checkpoint
/// shares: U, W, V, b, c one after another (see <see cref="Segments"/>).
/// </summary>
/// <remarks>
/// Element order inside each matrix:
/// <list type="bullet">
/// <item><description>U (m x K) is stored by column: element (i, k) at <c>k * m + i</c>, so U x_t for a one-hot
/// x_t is the contiguous slice of character k.</description></item>
/// <item><description>W (m x m) and V (K x m) are stored by row: element (i, j) at <c>i * m + j</c>.</description></item>
/// <item><description>b (m) and c (K) are plain vectors.</description></item>
/// </list>
/// </remarks>
public sealed record RnnShape
{
    /// <summary>Creates a shape, rejecting sizes that are not positive.</summary>
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
    }

    /// <summary>K, the number of distinct characters.</summary>
    public int VocabularySize { get; }

    /// <summary>m, the number of hidden units.</summary>
    public int HiddenSize { get; }

    /// <summary>U, the input weights (m x K), stored by column.</summary>
    public ParameterSegment U => new("U", 0, HiddenSize, VocabularySize);

    /// <summary>W, the recurrent weights (m x m), stored by row.</summary>
    public ParameterSegment W => new("W", U.End, HiddenSize, HiddenSize);

    /// <summary>V, the output weights (K x m), stored by row.</summary>
    public ParameterSegment V => new("V", W.End, VocabularySize, HiddenSize);

    /// <summary>b, the hidden bias (m).</summary>
    public ParameterSegment B => new("b", V.End, HiddenSize, 1);

    /// <summary>c, the output bias (K).</summary>
    public ParameterSegment C => new("c", B.End, VocabularySize, 1);

    /// <summary>The five segments in buffer order: U, W, V, b, c.</summary>
    public IReadOnlyList<ParameterSegment> Segments => [U, W, V, B, C];

    /// <summary>The length of the flat parameter buffer: 2mK + m^2 + m + K.</summary>
    public int ParameterCount => C.End;
}
