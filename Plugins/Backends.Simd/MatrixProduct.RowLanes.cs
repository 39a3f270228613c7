using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The last four columns of a product whose A runs down its rows (ARow 1, a matrix read by column: dV's and dW's),
/// with 512-bit vectors along C's rows rather than its columns: each multiply-add covers a vector of rows of one column,
/// where a vector of the four columns cost a multiply-add per row (the last 4 of 100 columns of dW took a seventh of its
/// multiply-adds for a twenty-fifth of its work). A's rows for a step are one load; X's four values are broadcast. The
/// rows no whole vector covers go as before, a vector of the four columns per row.
/// </summary>
internal static partial class MatrixProduct
{
    /// <summary>The columns <see cref="RowLaneColumns{T}"/> takes: the four that a 128-bit (float32) or 256-bit (float64) vector covers.</summary>
    private const int RowLaneWidth = 4;

    /// <summary>Whether <see cref="RowLaneColumns{T}"/> takes the columns from <paramref name="j"/> on.</summary>
    private static bool LaysRowsInLanes<T>(VectorWidth width, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        width == VectorWidth.Bits512 && Vector512.IsHardwareAccelerated && shape.ARow == 1
        && shape.Columns - j == RowLaneWidth && shape.Rows >= Vector512<T>.Count;

    /// <summary>C's last four columns, from <paramref name="j"/>, with the vectors along its rows.</summary>
    private static void RowLaneColumns<T>(ref T a, ref T x, ref T c, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector512<T>.Count;
        var r = 0;
        for (; r + (2 * lanes) <= shape.Rows; r += 2 * lanes)
        {
            RowLaneBlock(ref a, ref x, ref c, shape, r, j, 2);
        }

        for (; r + lanes <= shape.Rows; r += lanes)
        {
            RowLaneBlock(ref a, ref x, ref c, shape, r, j, 1);
        }

        if (typeof(T) == typeof(float))
        {
            OneVectorRows<T, Vector128<T>, Lanes128<T>>(ref a, ref x, ref c, shape, r, j);
        }
        else
        {
            OneVectorRows<T, Vector256<T>, Lanes256<T>>(ref a, ref x, ref c, shape, r, j);
        }
    }

    /// <summary>
    /// One or two vectors of rows from <paramref name="r"/> by the four columns: four or eight sums in flight, each
    /// C's column over a vector of rows, written out row by row at the end.
    /// </summary>
    private static void RowLaneBlock<T>(ref T a, ref T x, ref T c, in Shape shape, int r, int j, int vectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = Vector512<T>.Count;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, t0 = default, t1 = default, t2 = default, t3 = default;
        ref var ar = ref Unsafe.Add(ref a, r);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        if (vectors == 2)
        {
            for (var q = 0; q < inner; q++)
            {
                ref var aq = ref Unsafe.Add(ref ar, q * aInner);
                ref var xq = ref Unsafe.Add(ref xj, q * xRow);
                var (a0, a1) = (Vector512.LoadUnsafe(ref aq), Vector512.LoadUnsafe(ref aq, (nuint)lanes));
                var e = Vector512.Create(xq);
                (s0, t0) = (Lanes512<T>.MultiplyAdd(a0, e, s0), Lanes512<T>.MultiplyAdd(a1, e, t0));
                e = Vector512.Create(Unsafe.Add(ref xq, 1));
                (s1, t1) = (Lanes512<T>.MultiplyAdd(a0, e, s1), Lanes512<T>.MultiplyAdd(a1, e, t1));
                e = Vector512.Create(Unsafe.Add(ref xq, 2));
                (s2, t2) = (Lanes512<T>.MultiplyAdd(a0, e, s2), Lanes512<T>.MultiplyAdd(a1, e, t2));
                e = Vector512.Create(Unsafe.Add(ref xq, 3));
                (s3, t3) = (Lanes512<T>.MultiplyAdd(a0, e, s3), Lanes512<T>.MultiplyAdd(a1, e, t3));
            }
        }
        else
        {
            for (var q = 0; q < inner; q++)
            {
                ref var xq = ref Unsafe.Add(ref xj, q * xRow);
                var a0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref ar, q * aInner));
                s0 = Lanes512<T>.MultiplyAdd(a0, Vector512.Create(xq), s0);
                s1 = Lanes512<T>.MultiplyAdd(a0, Vector512.Create(Unsafe.Add(ref xq, 1)), s1);
                s2 = Lanes512<T>.MultiplyAdd(a0, Vector512.Create(Unsafe.Add(ref xq, 2)), s2);
                s3 = Lanes512<T>.MultiplyAdd(a0, Vector512.Create(Unsafe.Add(ref xq, 3)), s3);
            }
        }

        // Lane i of sum k is C[r + i, j + k] (of t, row r + lanes + i).
        Span<T> sums = stackalloc T[2 * RowLaneWidth * Vector512<T>.Count];
        ref var sum = ref MemoryMarshal.GetReference(sums);
        s0.StoreUnsafe(ref sum, 0);
        s1.StoreUnsafe(ref sum, (nuint)lanes);
        s2.StoreUnsafe(ref sum, (nuint)(2 * lanes));
        s3.StoreUnsafe(ref sum, (nuint)(3 * lanes));
        t0.StoreUnsafe(ref sum, (nuint)(4 * lanes));
        t1.StoreUnsafe(ref sum, (nuint)(5 * lanes));
        t2.StoreUnsafe(ref sum, (nuint)(6 * lanes));
        t3.StoreUnsafe(ref sum, (nuint)(7 * lanes));
        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        for (var i = 0; i < vectors * lanes; i++)
        {
            var (v, lane) = (i / lanes, i % lanes);
            ref var row = ref Unsafe.Add(ref cr, i * shape.CRow);
            for (var k = 0; k < RowLaneWidth; k++)
            {
                var value = Unsafe.Add(ref sum, (((v * RowLaneWidth) + k) * lanes) + lane);
                ref var target = ref Unsafe.Add(ref row, k);
                target = shape.Add ? target + value : value;
            }
        }
    }
}
