using RnnTui.Training;

namespace RnnTui.Tests.Training;

public sealed class SequenceReaderTests
{
    [Fact]
    public void Next_TargetsAreInputsShiftedByOne()
    {
        var reader = new SequenceReader([.. Enumerable.Range(0, 20)], 4);

        Assert.False(reader.Next(out var inputs, out var targets));
        Assert.Equal([0, 1, 2, 3], inputs.ToArray());
        Assert.Equal([1, 2, 3, 4], targets.ToArray());
        reader.Next(out inputs, out targets);
        Assert.Equal([4, 5, 6, 7], inputs.ToArray());
        Assert.Equal([5, 6, 7, 8], targets.ToArray());
    }

    [Fact]
    public void Next_ShortTailIsLeftOutAndTheEpochWraps()
    {
        // 11 characters, sequences of 4: [0..3] and [4..7] fit (each needs one more character as target);
        // the tail 8, 9, 10 cannot give a full sequence with targets, so reading starts again.
        var reader = new SequenceReader([.. Enumerable.Range(0, 11)], 4);
        Assert.Equal(2, reader.SequencesPerEpoch);

        Assert.False(reader.Next(out _, out _));
        Assert.False(reader.Next(out var inputs, out var targets));
        Assert.Equal([4, 5, 6, 7], inputs.ToArray());
        Assert.Equal([5, 6, 7, 8], targets.ToArray());
        Assert.True(reader.AtEpochEnd);
        Assert.Equal(1, reader.Epoch);

        Assert.True(reader.Next(out inputs, out _));
        Assert.Equal([0, 1, 2, 3], inputs.ToArray());
        Assert.Equal(2, reader.Epoch);
    }

    [Fact]
    public void Next_ExactFit_UsesTheLastCharacterAsTarget()
    {
        var reader = new SequenceReader([.. Enumerable.Range(0, 9)], 4);

        reader.Next(out _, out _);
        Assert.False(reader.Next(out _, out var targets));
        Assert.Equal([5, 6, 7, 8], targets.ToArray());
        Assert.True(reader.Next(out _, out _));
    }

    [Fact]
    public void Constructor_TextShorterThanSeqLengthPlusOne_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SequenceReader([1, 2, 3, 4], 4));
        Assert.Contains("needs at least 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vocabulary_IsSortedByCodePoint()
    {
        var vocabulary = Vocabulary.Of("baa\nZ!b");

        Assert.Equal(['\n', '!', 'Z', 'a', 'b'], vocabulary.Characters);
        Assert.Equal([4, 3, 3, 0], vocabulary.Encode("baa\n"));
        Assert.Equal(['x', '?'], vocabulary.Unknown("ax?bx"));
    }
}
