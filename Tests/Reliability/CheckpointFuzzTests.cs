using System.Buffers.Binary;
using RnnTui.Runs;
using RnnTui.Training;
using RnnTui.Tests.Runs;

namespace RnnTui.Tests.Reliability;

/// <summary>
/// Thousands of damaged checkpoints: each loads or is refused with a <see cref="CheckpointException"/>. Half of the
/// cases get a valid checksum after the damage, so that the parser behind the checksum is exercised too.
/// </summary>
public sealed class CheckpointFuzzTests
{
    [Fact]
    public void MutatedCheckpoints_LoadOrGiveAClearError()
    {
        var random = new Random(7);
        var originals = new[] { CheckpointFormat.Serialize(CheckpointFormatTests.Sample(5, 3)), CheckpointFormat.Serialize(CheckpointFormatTests.Sample(17, 8)) };
        int parsed = 0, refused = 0;
        for (var i = 0; i < 4000; i++)
        {
            var original = originals[i % originals.Length];
            var bytes = Mutate(original, random);
            var rehashed = i % 2 == 0 && bytes.Length > CheckpointFormat.HashLength;
            if (rehashed)
            {
                CheckpointFormatTests.Rehash(bytes);
            }

            try
            {
                CheckpointFormat.Parse(bytes);
                parsed++;
            }
            catch (CheckpointException e)
            {
                refused++;
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} (rehashed: {rehashed}, {bytes.Length} bytes): {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(refused > 3000, $"parsed {parsed}, refused {refused}");
    }

    [Fact]
    public void OtherFormatVersion_RefusedNamingBoth()
    {
        var bytes = CheckpointFormat.Serialize(CheckpointFormatTests.Sample(5, 3));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);
        CheckpointFormatTests.Rehash(bytes);

        var e = Assert.Throws<CheckpointException>(() => CheckpointFormat.Parse(bytes));

        Assert.Equal("format version 2; this rnntui reads version 1", e.Message);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64)));
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    // A length or size field blown up: four bytes of 0xFF or 0x7F.
                    var value = random.Next(2) == 0 ? (byte)0xFF : (byte)0x7F;
                    for (var j = at; j < Math.Min(bytes.Count, at + 4); j++)
                    {
                        bytes[j] = value;
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
