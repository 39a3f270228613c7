using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnTui.Backends.Simd;

internal static partial class VectorOps
{
    /// <summary>
    /// The transpose of a matrix stored by row (rows x columns) into <paramref name="result"/> (columns x rows). On x86,
    /// float32 goes in blocks of 4 x 4 and float64 in blocks of 2 x 2, each four or two rows loaded as vectors and
    /// interleaved in registers; the rows and columns past the last whole block, and other processors, go one element
    /// at a time. A copy, so every element is exact whatever the path.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> matrix, int rows, int columns, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(matrix.Length, rows * columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(result.Length, rows * columns);
        ref var m0 = ref MemoryMarshal.GetReference(matrix);
        ref var r0 = ref MemoryMarshal.GetReference(result);
        var (blockRows, blockColumns) = (0, 0);
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            (blockRows, blockColumns) = (rows & ~3, columns & ~3);
            TransposeBlocks(ref Unsafe.As<T, float>(ref m0), rows, columns, ref Unsafe.As<T, float>(ref r0), blockRows, blockColumns);
        }
        else if (typeof(T) == typeof(double) && Sse2.IsSupported)
        {
            (blockRows, blockColumns) = (rows & ~1, columns & ~1);
            TransposeBlocks(ref Unsafe.As<T, double>(ref m0), rows, columns, ref Unsafe.As<T, double>(ref r0), blockRows, blockColumns);
        }

        // What the blocks leave: the columns past the last whole block in every row, then the rows past the last block.
        for (var i = 0; i < rows; i++)
        {
            for (var j = i < blockRows ? blockColumns : 0; j < columns; j++)
            {
                Unsafe.Add(ref r0, (j * rows) + i) = Unsafe.Add(ref m0, (i * columns) + j);
            }
        }
    }

    private static void TransposeBlocks(ref float m, int rows, int columns, ref float r, int blockRows, int blockColumns)
    {
        for (var i = 0; i < blockRows; i += 4)
        {
            for (var j = 0; j < blockColumns; j += 4)
            {
                ref var from = ref Unsafe.Add(ref m, (i * columns) + j);
                var a = Vector128.LoadUnsafe(ref from);
                var b = Vector128.LoadUnsafe(ref from, (nuint)columns);
                var c = Vector128.LoadUnsafe(ref from, (nuint)(2 * columns));
                var d = Vector128.LoadUnsafe(ref from, (nuint)(3 * columns));
                var (ab0, ab1) = (Sse.UnpackLow(a, b), Sse.UnpackHigh(a, b)); // a0 b0 a1 b1, a2 b2 a3 b3
                var (cd0, cd1) = (Sse.UnpackLow(c, d), Sse.UnpackHigh(c, d));
                ref var to = ref Unsafe.Add(ref r, (j * rows) + i);
                Sse.MoveLowToHigh(ab0, cd0).StoreUnsafe(ref to);
                Sse.MoveHighToLow(cd0, ab0).StoreUnsafe(ref to, (nuint)rows);
                Sse.MoveLowToHigh(ab1, cd1).StoreUnsafe(ref to, (nuint)(2 * rows));
                Sse.MoveHighToLow(cd1, ab1).StoreUnsafe(ref to, (nuint)(3 * rows));
            }
        }
    }

    private static void TransposeBlocks(ref double m, int rows, int columns, ref double r, int blockRows, int blockColumns)
    {
        for (var i = 0; i < blockRows; i += 2)
        {
            for (var j = 0; j < blockColumns; j += 2)
            {
                ref var from = ref Unsafe.Add(ref m, (i * columns) + j);
                var a = Vector128.LoadUnsafe(ref from);
                var b = Vector128.LoadUnsafe(ref from, (nuint)columns);
                ref var to = ref Unsafe.Add(ref r, (j * rows) + i);
                Sse2.UnpackLow(a, b).StoreUnsafe(ref to);
                Sse2.UnpackHigh(a, b).StoreUnsafe(ref to, (nuint)rows);
            }
        }
    }
}
