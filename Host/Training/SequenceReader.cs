namespace RnnTui.Training;

/// <summary>
/// Reads the encoded text in order, <see cref="SequenceLength"/> characters at a time, each with its targets (the
/// same characters shifted by one). When fewer than <c>SequenceLength + 1</c> characters remain, that tail is left
/// out (as the course's reference and min-char-rnn do), reading starts again at the beginning, the hidden state is to
/// be reset and a new epoch begins.
/// </summary>
internal sealed class SequenceReader
{
    private readonly int[] _text;

    /// <summary>Creates a reader at the start of the first epoch.</summary>
    /// <exception cref="ArgumentException">The text is shorter than <paramref name="sequenceLength"/> + 1.</exception>
    public SequenceReader(int[] text, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        if (text.Length < sequenceLength + 1)
        {
            throw new ArgumentException($"the text has {text.Length} characters; a sequence of {sequenceLength} needs at least {sequenceLength + 1}");
        }

        _text = text;
        SequenceLength = sequenceLength;
        Epoch = 1;
    }

    public int SequenceLength { get; }

    /// <summary>Where the next sequence starts.</summary>
    public int Position { get; private set; }

    /// <summary>The current pass over the text, from 1.</summary>
    public long Epoch { get; private set; }

    /// <summary>The number of sequences in one epoch.</summary>
    public int SequencesPerEpoch => (_text.Length - 1) / SequenceLength;

    /// <summary>Whether the next read starts a new epoch.</summary>
    public bool AtEpochEnd => Position + SequenceLength + 1 > _text.Length;

    /// <summary>How far through the current epoch reading is, from 0 to 1.</summary>
    public double EpochProgress => (double)(Position / SequenceLength) / SequencesPerEpoch;

    /// <summary>Reads the next sequence; returns true when it starts a new epoch (the hidden state must be reset).</summary>
    public bool Next(out ReadOnlySpan<int> inputs, out ReadOnlySpan<int> targets)
    {
        var wrapped = false;
        if (AtEpochEnd)
        {
            Position = 0;
            Epoch++;
            wrapped = true;
        }

        inputs = _text.AsSpan(Position, SequenceLength);
        targets = _text.AsSpan(Position + 1, SequenceLength);
        Position += SequenceLength;
        return wrapped;
    }

    /// <summary>Moves to a saved place in the text.</summary>
    public void Seek(int position, long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _text.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        Position = position;
        Epoch = epoch;
    }
}
