using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// The checkpoint file format, version 1, little-endian throughout:
/// <code>
/// "RNNTUICK"                          8 bytes of magic
/// u16 version, u16 zero               the format version
/// u32 header length (16)              then the header:
///   i32 K, i32 m, i32 seq_length, i32 section count
/// sections, each:
///   u8 name length, ASCII name, u64 payload length, payload
/// SHA-256 of every byte before it     32 bytes
/// </code>
/// Sections: <c>vocabulary</c> (K u16), <c>parameters</c> and <c>best-parameters</c> (f64 each, the shape's count),
/// <c>hidden</c> (m f64), <c>optimizer</c> (name, then named f64 buffers), <c>random</c> (4 u64), <c>progress</c>
/// (step, epoch, position, losses, best step, elapsed, time saved), <c>corpus</c> (length and SHA-256),
/// <c>backend</c> (its name), and, only in a run with a validation split, <c>validation</c> (i32 characters held out,
/// then the latest loss, its loss per character, step and milliseconds, the lowest loss and its step, and the step of
/// the best parameters, which <c>--best-by validation</c> makes that of the lowest validation loss), and <c>sample-start</c>
/// (i32 the character after <c>hidden</c>, i32 the character after the best parameters' hidden state, then that state,
/// m f64), where unprimed samples start, and, only in a run with a batch of two or more, <c>streams</c> (i32 B,
/// i32 the threads that computed it, then each stream's i32 position and i64 epoch, then B x m f64 their hidden
/// states), and, only for a model other than the vanilla RNN and first of all, <c>model</c> (its name, i32 layers, i32
/// state size, i64 parameter count, then i32 settings and each one's key and value), which then gives the length of
/// the parameters and of every recurrent state in place of the header's m. A reader skips sections it does not know, so later versions can add some; a
/// checkpoint without <c>validation</c> held nothing out, one without <c>sample-start</c> (written before it existed)
/// samples from h = 0.
/// </summary>
internal static partial class CheckpointFormat
{
    public const ushort Version = 1;
    public const int HashLength = 32;
    public const int MaxVocabularySize = char.MaxValue + 1;
    public const int MaxHiddenSize = 4096;
    public const int MaxSeqLength = 100_000;
    public const int MaxSections = 64;
    public const int MaxOptimizerBuffers = 16;

    public static ReadOnlySpan<byte> Magic => "RNNTUICK"u8;

    /// <summary>Magic, version and header length, then the header.</summary>
    private const int PreambleLength = 8 + 2 + 2 + 4;
    private const int HeaderLength = 16;

    internal const string VocabularySection = "vocabulary";
    internal const string ParametersSection = "parameters";
    internal const string BestParametersSection = "best-parameters";
    internal const string HiddenSection = "hidden";
    internal const string OptimizerSection = "optimizer";
    internal const string RandomSection = "random";
    internal const string ProgressSection = "progress";
    internal const string CorpusSection = "corpus";
    internal const string BackendSection = "backend";
    internal const string ValidationSection = "validation";
    internal const string SampleStartSection = "sample-start";
    internal const string StreamsSection = "streams";
    internal const string ModelSection = "model";
    public const int MaxModelSettings = 32;
    public const long MaxParameterCount = 1L << 28;
    public const int MaxBatch = 4096;

    /// <summary>The parameter count of a shape, as the layout of <c>RnnShape</c> defines it.</summary>
    public static long ParameterCount(long k, long m) => (m * k) + (m * m) + (k * m) + m + k;

    /// <summary>Writes a checkpoint into one buffer, checksum included, ready to be written to a file in one go.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        var output = new MemoryStream(EstimateLength(checkpoint));
        var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write((ushort)0);
        writer.Write(HeaderLength);
        writer.Write(checkpoint.VocabularySize);
        writer.Write(checkpoint.HiddenSize);
        writer.Write(checkpoint.SeqLength);
        var validation = checkpoint.HeldOutLength > 0;
        var start = checkpoint.Next >= 0 && checkpoint.BestStart is not null;
        var streams = checkpoint.Streams;
        var model = checkpoint.Model;
        writer.Write(9 + (model.IsVanilla ? 0 : 1) + (validation ? 1 : 0) + (start ? 1 : 0) + (streams is null ? 0 : 1));

        // Before the sections whose lengths depend on it, and only for another model than the vanilla RNN, whose
        // checkpoints stay as they were.
        if (!model.IsVanilla)
        {
            Section(writer, ModelSection, w =>
            {
                ShortString(w, model.Name);
                w.Write(model.Layers);
                w.Write(model.StateSize);
                w.Write(model.ParameterCount);
                w.Write(model.Settings.Count);
                foreach (var (key, value) in model.Settings)
                {
                    ShortString(w, key);
                    ShortString(w, value);
                }
            });
        }

        Section(writer, VocabularySection, w =>
        {
            foreach (var c in checkpoint.Vocabulary)
            {
                w.Write((ushort)c);
            }
        });
        Section(writer, ParametersSection, w => Doubles(w, checkpoint.Parameters));
        Section(writer, BestParametersSection, w => Doubles(w, checkpoint.BestParameters));
        Section(writer, HiddenSection, w => Doubles(w, checkpoint.Hidden));
        Section(writer, OptimizerSection, w =>
        {
            ShortString(w, checkpoint.OptimizerName);
            w.Write(checkpoint.OptimizerState.Count);
            foreach (var (name, values) in checkpoint.OptimizerState)
            {
                ShortString(w, name);
                w.Write((long)values.Length);
                Doubles(w, values);
            }
        });
        Section(writer, RandomSection, w =>
        {
            foreach (var word in checkpoint.SampleRandomState)
            {
                w.Write(word);
            }
        });
        Section(writer, ProgressSection, w =>
        {
            w.Write(checkpoint.Step);
            w.Write(checkpoint.Epoch);
            w.Write(checkpoint.Position);
            w.Write(checkpoint.Loss);
            w.Write(checkpoint.SmoothLoss);
            w.Write(checkpoint.BestSmoothLoss);
            w.Write(checkpoint.BestStep);
            w.Write(checkpoint.Elapsed.Ticks);
            w.Write(checkpoint.SavedAt.ToUnixTimeMilliseconds());
        });
        Section(writer, CorpusSection, w =>
        {
            w.Write(checkpoint.CorpusLength);
            w.Write(checkpoint.CorpusHash);
        });
        Section(writer, BackendSection, w => w.Write(Encoding.UTF8.GetBytes(checkpoint.BackendName)));
        if (validation)
        {
            Section(writer, ValidationSection, w =>
            {
                var v = checkpoint.Validation;
                w.Write(checkpoint.HeldOutLength);
                w.Write(v.Loss);
                w.Write(v.PerCharacter);
                w.Write(v.Step);
                w.Write(v.Milliseconds);
                w.Write(v.BestLoss);
                w.Write(v.BestStep);
                w.Write(checkpoint.BestParametersStep);
            });
        }

        if (start)
        {
            Section(writer, SampleStartSection, w =>
            {
                w.Write(checkpoint.Next);
                w.Write(checkpoint.BestStart!.Next);
                Doubles(w, checkpoint.BestStart.Hidden);
            });
        }

        if (streams is not null)
        {
            Section(writer, StreamsSection, w =>
            {
                w.Write(streams.Count);
                w.Write(streams.Threads);
                for (var b = 0; b < streams.Count; b++)
                {
                    w.Write(streams.Positions[b]);
                    w.Write(streams.Epochs[b]);
                }

                Doubles(w, streams.Hidden);
            });
        }

        writer.Flush();

        var length = (int)output.Length;
        output.SetLength(length + HashLength);
        var buffer = output.GetBuffer();
        SHA256.HashData(buffer.AsSpan(0, length), buffer.AsSpan(length, HashLength));
        return buffer.Length == length + HashLength ? buffer : buffer.AsSpan(0, length + HashLength).ToArray();
    }

    private static int EstimateLength(Checkpoint c) =>
        1024 + (2 * c.Vocabulary.Length) + (8 * (c.Parameters.Length + c.BestParameters.Length + (2 * c.Hidden.Length) + (c.Streams?.Hidden.Length ?? 0) + c.OptimizerState.Sum(s => s.Values.Length)));

    private static void Section(BinaryWriter writer, string name, Action<BinaryWriter> payload)
    {
        ShortString(writer, name);
        writer.Flush();
        var stream = writer.BaseStream;
        var lengthAt = stream.Position;
        writer.Write(0L);
        payload(writer);
        writer.Flush();
        var end = stream.Position;
        stream.Position = lengthAt;
        writer.Write(end - lengthAt - 8);
        writer.Flush();
        stream.Position = end;
    }

    private static void ShortString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"a checkpoint name must be 1 to 255 bytes, was '{text}'");
        }

        writer.Write((byte)bytes.Length);
        writer.Write(bytes);
    }

    private static void Doubles(BinaryWriter writer, double[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        Span<byte> bytes = stackalloc byte[8];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            writer.Write(bytes);
        }
    }
}
