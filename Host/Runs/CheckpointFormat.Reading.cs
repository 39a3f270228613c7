using System.Security.Cryptography;
using RnnTui.Training;

namespace RnnTui.Runs;

internal static partial class CheckpointFormat
{
    /// <summary>The largest file read: far above any network the settings allow, far below what memory holds.</summary>
    public const long MaxFileLength = 1L << 30;

    /// <summary>Reads and checks a checkpoint file.</summary>
    /// <exception cref="CheckpointException">The file is missing, damaged, truncated or not a checkpoint.</exception>
    public static Checkpoint Read(string path)
    {
        byte[] data;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileLength)
            {
                throw new CheckpointException($"{path} is {length} bytes, more than a checkpoint can be");
            }

            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"cannot read checkpoint {path}: {e.Message}");
        }

        try
        {
            return Parse(data);
        }
        catch (CheckpointException e)
        {
            throw new CheckpointException($"checkpoint {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Parses a checkpoint as data: the magic, version and checksum first, then the header's sizes against fixed
    /// limits, then each section's length against what remains, all before allocating anything sized by the file.
    /// </summary>
    /// <exception cref="CheckpointException">What is wrong, in one line.</exception>
    public static Checkpoint Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < Magic.Length || !data[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CheckpointException("not an rnntui checkpoint (wrong magic bytes)");
        }

        if (data.Length < PreambleLength + HeaderLength + HashLength)
        {
            throw new CheckpointException($"truncated: {data.Length} bytes is shorter than any checkpoint");
        }

        var preamble = new BoundedReader(data[Magic.Length..PreambleLength], "the preamble");
        var version = preamble.UInt16();
        if (version != Version)
        {
            throw new CheckpointException($"format version {version}; this rnntui reads version {Version}");
        }

        preamble.UInt16();
        var headerLength = preamble.UInt32();
        var body = data[..^HashLength];
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(data[^HashLength..]))
        {
            throw new CheckpointException("checksum mismatch: the file is damaged or truncated");
        }

        if (headerLength < HeaderLength || headerLength > body.Length - PreambleLength)
        {
            throw new CheckpointException($"header length {headerLength} is out of range");
        }

        var header = new BoundedReader(body.Slice(PreambleLength, (int)headerLength), "the header");
        var k = header.Int32();
        var m = header.Int32();
        var seqLength = header.Int32();
        var sectionCount = header.Int32();
        Check(k is >= 2 and <= MaxVocabularySize, $"declares K = {k}; K must be 2 to {MaxVocabularySize}");
        Check(m is >= 1 and <= MaxHiddenSize, $"declares m = {m}; m must be 1 to {MaxHiddenSize}");
        Check(seqLength is >= 1 and <= MaxSeqLength, $"declares seq_length = {seqLength}; it must be 1 to {MaxSeqLength}");
        Check(sectionCount is >= 0 and <= MaxSections, $"declares {sectionCount} sections; at most {MaxSections}");

        var parameterCount = ParameterCount(k, m);
        var sections = new CheckpointSections(k, m, parameterCount);
        var reader = new BoundedReader(body[(PreambleLength + (int)headerLength)..], "the sections");
        for (var i = 0; i < sectionCount; i++)
        {
            var name = reader.ShortString();
            var length = reader.Int64();
            if (length < 0 || length > reader.Remaining)
            {
                throw new CheckpointException($"section '{name}' declares {length} bytes but {reader.Remaining} remain");
            }

            sections.Read(name, reader.Bytes(length));
        }

        reader.ExpectEnd();
        return sections.ToCheckpoint(seqLength);
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckpointException(message);
        }
    }
}
