namespace RnnTui.Contracts;

/// <summary>A named matrix or vector inside the flat parameter buffer.</summary>
/// <param name="Name">Its name in reports and checkpoints: U, W, V, b or c for the vanilla RNN; a model names its own.</param>
/// <param name="Offset">Index of its first element in the buffer.</param>
/// <param name="Rows">Rows of the matrix (the length, for a vector).</param>
/// <param name="Columns">Columns of the matrix (1 for a vector).</param>
public readonly record struct ParameterSegment(string Name, int Offset, int Rows, int Columns)
{
    /// <summary>How the host fills it when it makes a network; <see cref="SegmentInit.Weights"/> unless set. Added in 1.5.</summary>
    public SegmentInit Init { get; init; }

    /// <summary>The number of elements.</summary>
    public int Length => Rows * Columns;

    /// <summary>Index just past its last element.</summary>
    public int End => Offset + Length;

    /// <summary>The segment's elements within a buffer of the shape's layout.</summary>
    public Span<double> Of(Span<double> buffer) => buffer.Slice(Offset, Length);

    /// <summary>The segment's elements within a read-only buffer of the shape's layout.</summary>
    public ReadOnlySpan<double> Of(ReadOnlySpan<double> buffer) => buffer.Slice(Offset, Length);
}
