namespace RnnTui.Training;

/// <summary>Where the streams of a batched run stand: each stream's place in the text and hidden state.</summary>
/// <param name="Threads">The threads that computed the batch, which fix the order of its sums.</param>
/// <param name="Positions">Where each stream's next sequence starts.</param>
/// <param name="Epochs">Each stream's own pass over the text, from 1.</param>
/// <param name="Hidden">B x m: each stream's hidden state, stream b's at <c>[b * m, (b + 1) * m)</c>.</param>
internal sealed record StreamsState(int Threads, int[] Positions, long[] Epochs, double[] Hidden)
{
    /// <summary>B, the batch.</summary>
    public int Count => Positions.Length;
}
