using System.Buffers.Binary;
using System.Text;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// Reads little-endian values from a span, checking every length against what remains before reading or
/// allocating, so that a damaged or hostile file fails with a message instead of an exception from deep inside.
/// </summary>
internal ref struct BoundedReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _position;

    public BoundedReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
    }

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position == _data.Length;

    public ReadOnlySpan<byte> Bytes(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new CheckpointException($"{_what} is cut short: it needs {count} more bytes, has {Remaining}");
        }

        var bytes = _data.Slice(_position, (int)count);
        _position += (int)count;
        return bytes;
    }

    public byte Byte() => Bytes(1)[0];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));

    /// <summary>A string of one length byte and that many UTF-8 bytes.</summary>
    public string ShortString() => Encoding.UTF8.GetString(Bytes(Byte()));

    /// <summary><paramref name="count"/> doubles, refused before allocating when fewer bytes remain.</summary>
    public double[] Doubles(long count)
    {
        if (count < 0 || count > Remaining / 8)
        {
            throw new CheckpointException($"{_what} declares {count} numbers but holds only {Remaining / 8}");
        }

        var bytes = Bytes(count * 8);
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8, 8));
        }

        return values;
    }

    /// <summary>Fails unless every byte was read.</summary>
    public readonly void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw new CheckpointException($"{_what} has {Remaining} bytes more than its contents");
        }
    }
}
