namespace RnnTui.Training;

/// <summary>
/// The B streams a batched run reads the training text with, each with its own place and hidden state. Stream b
/// starts at sequence ⌊b·S/B⌋ of the S sequences of an epoch (at character ⌊b·S/B⌋·n, so that every stream reads the
/// same grid of sequences batch 1 reads); each update reads the next sequence of every stream, and a stream that
/// reaches the end of the text starts again at its beginning with h = 0, as batch 1 does. Stream 0 is the trainer's
/// own reader, and its hidden state is copied into the trainer's after every update, so samples start from it.
/// </summary>
internal sealed class BatchStreams
{
    private readonly int[] _positionsBefore;
    private readonly long[] _epochsBefore;

    /// <summary>Streams over a text, the first of them read by <paramref name="first"/> (the trainer's reader, at its start).</summary>
    public BatchStreams(int[] text, SequenceReader first, int count, int stateSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        Count = count;
        StateSize = stateSize;
        SequenceLength = first.SequenceLength;
        Readers = new SequenceReader[count];
        Readers[0] = first;
        for (var b = 1; b < count; b++)
        {
            Readers[b] = new SequenceReader(text, SequenceLength);
            Readers[b].Seek(Start(b, count, first.SequencesPerEpoch, SequenceLength), 1);
        }

        Hidden = new double[count * stateSize];
        HiddenBefore = new double[count * stateSize];
        Inputs = new int[count * SequenceLength];
        Targets = new int[count * SequenceLength];
        _positionsBefore = new int[count];
        _epochsBefore = new long[count];
    }

    /// <summary>B, the number of streams.</summary>
    public int Count { get; }

    /// <summary>The length of one stream's recurrent state.</summary>
    public int StateSize { get; }

    public int SequenceLength { get; }

    /// <summary>Each stream's place in the text; the first is the trainer's own reader.</summary>
    public SequenceReader[] Readers { get; }

    /// <summary>B x m: stream b's hidden state at <c>[b * m, (b + 1) * m)</c>, carried into its next sequence.</summary>
    public double[] Hidden { get; }

    /// <summary>The hidden states before the update in progress, to go back to when it fails.</summary>
    public double[] HiddenBefore { get; }

    /// <summary>B x n: the sequences of the update in progress, stream b's at <c>[b * n, (b + 1) * n)</c>.</summary>
    public int[] Inputs { get; }

    /// <summary>B x n: their targets.</summary>
    public int[] Targets { get; }

    /// <summary>Where stream <paramref name="stream"/> of <paramref name="count"/> starts: at sequence ⌊b·S/B⌋.</summary>
    public static int Start(int stream, int count, int sequencesPerEpoch, int sequenceLength) =>
        (int)((long)stream * sequencesPerEpoch / count) * sequenceLength;

    /// <summary>
    /// Reads the next sequence of every stream into <see cref="Inputs"/> and <see cref="Targets"/>, keeping where the
    /// streams were and their hidden states for <see cref="Rewind"/>; a stream that wraps to the text's start gets h = 0.
    /// </summary>
    public void ReadNext()
    {
        Hidden.CopyTo(HiddenBefore, 0);
        var n = SequenceLength;
        for (var b = 0; b < Count; b++)
        {
            var reader = Readers[b];
            _positionsBefore[b] = reader.Position;
            _epochsBefore[b] = reader.Epoch;
            if (reader.Next(out var inputs, out var targets))
            {
                HiddenOf(b).Clear();
            }

            inputs.CopyTo(Inputs.AsSpan(b * n, n));
            targets.CopyTo(Targets.AsSpan(b * n, n));
        }
    }

    /// <summary>Puts every stream's place and hidden state back to before the last <see cref="ReadNext"/>.</summary>
    public void Rewind()
    {
        HiddenBefore.CopyTo(Hidden, 0);
        for (var b = 0; b < Count; b++)
        {
            Readers[b].Seek(_positionsBefore[b], _epochsBefore[b]);
        }
    }

    public Span<double> HiddenOf(int stream) => Hidden.AsSpan(stream * StateSize, StateSize);

    /// <summary>A new copy of every stream's place and hidden state.</summary>
    public StreamsState Capture(int threads)
    {
        var copy = new StreamsState(threads, new int[Count], new long[Count], new double[Hidden.Length]);
        CopyTo(copy);
        return copy;
    }

    /// <summary>Copies every stream's place and hidden state into a copy of as many streams, allocating nothing.</summary>
    public void CopyTo(StreamsState copy)
    {
        Hidden.CopyTo(copy.Hidden, 0);
        for (var b = 0; b < Count; b++)
        {
            copy.Positions[b] = Readers[b].Position;
            copy.Epochs[b] = Readers[b].Epoch;
        }
    }

    /// <summary>Puts the places and hidden states of a copy of as many streams.</summary>
    public void Restore(StreamsState copy)
    {
        copy.Hidden.CopyTo(Hidden, 0);
        for (var b = 0; b < Count; b++)
        {
            Readers[b].Seek(copy.Positions[b], copy.Epochs[b]);
        }
    }
}
