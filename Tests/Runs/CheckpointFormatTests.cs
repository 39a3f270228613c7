using System.Buffers.Binary;
using System.Security.Cryptography;
using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Runs;

public sealed class CheckpointFormatTests
{
    [Fact]
    public void RoundTrip_EveryFieldSurvives()
    {
        var original = Sample(k: 7, m: 3);

        var parsed = CheckpointFormat.Parse(CheckpointFormat.Serialize(original));

        AssertSame(original, parsed, compareTimes: true);
    }

    [Fact]
    public void RoundTrip_SpecialDoubles_KeptBitForBit()
    {
        var original = Sample(k: 2, m: 1);
        original.Parameters[0] = -0.0;
        original.Parameters[1] = double.Epsilon;
        original.Parameters[2] = double.MaxValue;

        var parsed = CheckpointFormat.Parse(CheckpointFormat.Serialize(original));

        Assert.Equal(original.Parameters.Select(BitConverter.DoubleToInt64Bits), parsed.Parameters.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(200)]
    [InlineData(33)]
    public void Parse_Truncated_RejectedAsDamaged(int bytesCut)
    {
        var bytes = CheckpointFormat.Serialize(Sample(k: 5, m: 4));

        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse(bytes.AsSpan(0, bytes.Length - bytesCut)));

        Assert.Equal("checksum mismatch: the file is damaged or truncated", e.Message);
    }

    [Fact]
    public void Parse_EveryBitFlip_RejectedWithAClearError()
    {
        var bytes = CheckpointFormat.Serialize(Sample(k: 3, m: 2));
        for (var i = 0; i < bytes.Length; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= (byte)(1 << (i % 8));

            var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse(damaged));

            Assert.True(
                e.Message.StartsWith("checksum mismatch", StringComparison.Ordinal) || e.Message.StartsWith("not an rnntui checkpoint", StringComparison.Ordinal)
                    || e.Message.StartsWith("format version", StringComparison.Ordinal),
                $"byte {i}: {e.Message}");
        }
    }

    [Theory]
    [InlineData(16, 2_000_000_000, 5, "declares K = 2000000000; K must be 2 to 65536")]
    [InlineData(20, 1 << 30, 7, "declares m = 1073741824; m must be 1 to 4096")]
    [InlineData(24, -3, 7, "declares seq_length = -3; it must be 1 to 100000")]
    [InlineData(28, 1_000_000, 7, "declares 1000000 sections; at most 64")]
    public void Parse_AbsurdHeader_RejectedBeforeAllocating(int offset, int value, int k, string message)
    {
        var bytes = CheckpointFormat.Serialize(Sample(k, m: 2));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        Rehash(bytes);

        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse(bytes));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_ShapeDisagreesWithSections_Rejected()
    {
        var bytes = CheckpointFormat.Serialize(Sample(k: 5, m: 2));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), 4095);
        Rehash(bytes);

        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse(bytes));

        Assert.StartsWith("section 'parameters' is ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(K = 5, m = 4095)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotACheckpoint_Rejected()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse("{\"json\": true}"u8));

        Assert.Equal("not an rnntui checkpoint (wrong magic bytes)", e.Message);
    }

    [Fact]
    public void Read_DamagedFile_MessageNamesTheFile()
    {
        using var folder = TestData.TempFolder();
        var bytes = CheckpointFormat.Serialize(Sample(k: 3, m: 2));
        bytes[100] ^= 0x10;
        var path = folder.File("latest.rnnck", bytes);

        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Read(path));

        Assert.Equal($"checkpoint {path}: checksum mismatch: the file is damaged or truncated", e.Message);
    }

    /// <summary>A checkpoint whose every field has a distinct, non-default value.</summary>
    internal static Checkpoint Sample(int k, int m)
    {
        var random = new Random(k * 100 + m);
        double[] Values(long n) => [.. Enumerable.Range(0, (int)n).Select(_ => random.NextDouble() - 0.5)];
        var count = CheckpointFormat.ParameterCount(k, m);
        return new Checkpoint
        {
            VocabularySize = k,
            HiddenSize = m,
            SeqLength = 25,
            Vocabulary = [.. Enumerable.Range(0, k).Select(i => (char)(i == k - 1 ? 0x00E9 : '\n' + i))],
            Parameters = Values(count),
            BestParameters = Values(count),
            Hidden = Values(m),
            OptimizerName = "adagrad",
            OptimizerState = [("sumSquares", Values(count)), ("other", Values(3))],
            SampleRandomState = [1UL, ulong.MaxValue, 0x1234_5678_9ABC_DEF0UL, 42UL],
            Step = 123_456,
            Epoch = 7,
            Position = 1_000,
            Loss = 44.5,
            SmoothLoss = 47.25,
            BestSmoothLoss = 46.125,
            BestStep = 120_000,
            Elapsed = TimeSpan.FromSeconds(314.159),
            CorpusLength = 1_107_542,
            CorpusHash = SHA256.HashData("corpus"u8),
            BackendName = "managed",
            SavedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123),
        };
    }

    internal static void AssertSame(Checkpoint expected, Checkpoint actual, bool compareTimes)
    {
        Assert.Equal(expected.VocabularySize, actual.VocabularySize);
        Assert.Equal(expected.HiddenSize, actual.HiddenSize);
        Assert.Equal(expected.SeqLength, actual.SeqLength);
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.Vocabulary, actual.Vocabulary);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.BestParameters, actual.BestParameters);
        Assert.Equal(expected.Hidden, actual.Hidden);
        Assert.Equal(expected.Next, actual.Next);
        Assert.Equal(expected.BestStart?.Next, actual.BestStart?.Next);
        Assert.Equal(expected.BestStart?.Hidden, actual.BestStart?.Hidden);
        Assert.Equal(expected.OptimizerName, actual.OptimizerName);
        Assert.Equal(expected.OptimizerState.Select(s => s.Name), actual.OptimizerState.Select(s => s.Name));
        Assert.Equal(expected.OptimizerState.Select(s => s.Values), actual.OptimizerState.Select(s => s.Values));
        Assert.Equal(expected.SampleRandomState, actual.SampleRandomState);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.SmoothLoss, actual.SmoothLoss);
        Assert.Equal(expected.BestSmoothLoss, actual.BestSmoothLoss);
        Assert.Equal(expected.BestStep, actual.BestStep);
        Assert.Equal(expected.CorpusLength, actual.CorpusLength);
        Assert.Equal(expected.CorpusHash, actual.CorpusHash);
        Assert.Equal(expected.BackendName, actual.BackendName);
        Assert.Equal(expected.HeldOutLength, actual.HeldOutLength);
        Assert.Equal(expected.Validation with { Milliseconds = 0 }, actual.Validation with { Milliseconds = 0 });
        if (compareTimes)
        {
            Assert.Equal(expected.Elapsed, actual.Elapsed);
            Assert.Equal(expected.SavedAt, actual.SavedAt);
            Assert.Equal(expected.Validation.Milliseconds, actual.Validation.Milliseconds);
        }
    }

    /// <summary>Recomputes the checksum so that a test reaches the checks behind it.</summary>
    internal static void Rehash(byte[] bytes) =>
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - CheckpointFormat.HashLength), bytes.AsSpan(bytes.Length - CheckpointFormat.HashLength));
}
