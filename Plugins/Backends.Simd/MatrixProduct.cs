using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The one product every batched step reduces to: C = A X, with X and C by row (the vector dimension) and A at any
/// two strides, so that A may be a matrix or the transpose of one without a copy. A block of four rows of C by two
/// vectors stays in eight registers while the shared dimension streams past: each vector of X loaded feeds four
/// multiply-adds and each element of A broadcast feeds two. The columns are covered by the widest vectors first, then
/// narrower ones, then a scalar tail.
/// </summary>
internal static class MatrixProduct
{
    /// <summary>
    /// C[r, j] (+)= sum over q &lt; <paramref name="inner"/> of A[r * aRow + q * aInner] * X[q * xRow + j], for
    /// r &lt; <paramref name="rows"/> and j &lt; <paramref name="columns"/>; C's rows are <paramref name="cRow"/> apart.
    /// </summary>
    /// <param name="width">The widest vectors to use.</param>
    /// <param name="add">Whether to add to C rather than overwrite it.</param>
    public static void Multiply<T>(VectorWidth width, ReadOnlySpan<T> a, int aRow, int aInner, ReadOnlySpan<T> x, int xRow, Span<T> c, int cRow, int rows, int columns, int inner, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(aRow, aInner, xRow, cRow, rows, columns, inner, add);
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var j = 0;
        if (width == VectorWidth.Bits512 && Lanes512<T>.IsAccelerated)
        {
            j = Columns<T, Vector512<T>, Lanes512<T>>(ref a0, ref x0, ref c0, shape, j);
        }

        if (Lanes256<T>.IsAccelerated)
        {
            j = Columns<T, Vector256<T>, Lanes256<T>>(ref a0, ref x0, ref c0, shape, j);
        }

        if (Lanes128<T>.IsAccelerated)
        {
            j = Columns<T, Vector128<T>, Lanes128<T>>(ref a0, ref x0, ref c0, shape, j);
        }

        ScalarColumns(ref a0, ref x0, ref c0, shape, j);
    }

    /// <summary>Columns from <paramref name="j"/> in vectors of one width, two at a time then one; returns where it stopped.</summary>
    private static int Columns<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        for (; j + (2 * lanes) <= shape.Columns; j += 2 * lanes)
        {
            var r = 0;
            for (; r + 4 <= shape.Rows; r += 4)
            {
                FourRowsTwoVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
            }

            for (; r < shape.Rows; r++)
            {
                OneRow<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                OneRow<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j + lanes);
            }
        }

        if (j + lanes <= shape.Columns)
        {
            var r = 0;
            for (; r + 4 <= shape.Rows; r += 4)
            {
                FourRowsOneVector<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
            }

            for (; r < shape.Rows; r++)
            {
                OneRow<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
            }

            j += lanes;
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRowsTwoVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var aRow = shape.ARow;
        ref var c0 = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        ref var c1 = ref Unsafe.Add(ref c0, shape.CRow);
        ref var c2 = ref Unsafe.Add(ref c1, shape.CRow);
        ref var c3 = ref Unsafe.Add(ref c2, shape.CRow);
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s10 = TLanes.Zero, s11 = TLanes.Zero;
        TVector s20 = TLanes.Zero, s21 = TLanes.Zero, s30 = TLanes.Zero, s31 = TLanes.Zero;
        if (shape.Add)
        {
            s00 = TLanes.Load(ref c0);
            s01 = TLanes.Load(ref Unsafe.Add(ref c0, lanes));
            s10 = TLanes.Load(ref c1);
            s11 = TLanes.Load(ref Unsafe.Add(ref c1, lanes));
            s20 = TLanes.Load(ref c2);
            s21 = TLanes.Load(ref Unsafe.Add(ref c2, lanes));
            s30 = TLanes.Load(ref c3);
            s31 = TLanes.Load(ref Unsafe.Add(ref c3, lanes));
        }

        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        ref var xj = ref Unsafe.Add(ref x, j);
        for (var q = 0; q < shape.Inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * shape.AInner);
            ref var xq = ref Unsafe.Add(ref xj, q * shape.XRow);
            var x0 = TLanes.Load(ref xq);
            var x1 = TLanes.Load(ref Unsafe.Add(ref xq, lanes));
            var e = TLanes.Broadcast(aq);
            s00 = TLanes.MultiplyAdd(e, x0, s00);
            s01 = TLanes.MultiplyAdd(e, x1, s01);
            e = TLanes.Broadcast(Unsafe.Add(ref aq, aRow));
            s10 = TLanes.MultiplyAdd(e, x0, s10);
            s11 = TLanes.MultiplyAdd(e, x1, s11);
            e = TLanes.Broadcast(Unsafe.Add(ref aq, 2 * aRow));
            s20 = TLanes.MultiplyAdd(e, x0, s20);
            s21 = TLanes.MultiplyAdd(e, x1, s21);
            e = TLanes.Broadcast(Unsafe.Add(ref aq, 3 * aRow));
            s30 = TLanes.MultiplyAdd(e, x0, s30);
            s31 = TLanes.MultiplyAdd(e, x1, s31);
        }

        TLanes.Store(s00, ref c0);
        TLanes.Store(s01, ref Unsafe.Add(ref c0, lanes));
        TLanes.Store(s10, ref c1);
        TLanes.Store(s11, ref Unsafe.Add(ref c1, lanes));
        TLanes.Store(s20, ref c2);
        TLanes.Store(s21, ref Unsafe.Add(ref c2, lanes));
        TLanes.Store(s30, ref c3);
        TLanes.Store(s31, ref Unsafe.Add(ref c3, lanes));
    }

    /// <summary>A last vector of columns, four rows at a time so that four multiply-adds are in flight, not one.</summary>
    private static void FourRowsOneVector<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var aRow = shape.ARow;
        ref var c0 = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        ref var c1 = ref Unsafe.Add(ref c0, shape.CRow);
        ref var c2 = ref Unsafe.Add(ref c1, shape.CRow);
        ref var c3 = ref Unsafe.Add(ref c2, shape.CRow);
        TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
        if (shape.Add)
        {
            s0 = TLanes.Load(ref c0);
            s1 = TLanes.Load(ref c1);
            s2 = TLanes.Load(ref c2);
            s3 = TLanes.Load(ref c3);
        }

        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        ref var xj = ref Unsafe.Add(ref x, j);
        for (var q = 0; q < shape.Inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * shape.AInner);
            var xq = TLanes.Load(ref Unsafe.Add(ref xj, q * shape.XRow));
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(aq), xq, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, aRow)), xq, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 2 * aRow)), xq, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 3 * aRow)), xq, s3);
        }

        TLanes.Store(s0, ref c0);
        TLanes.Store(s1, ref c1);
        TLanes.Store(s2, ref c2);
        TLanes.Store(s3, ref c3);
    }

    private static void OneRow<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        var s = shape.Add ? TLanes.Load(ref cr) : TLanes.Zero;
        ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
        ref var xj = ref Unsafe.Add(ref x, j);
        for (var q = 0; q < shape.Inner; q++)
        {
            s = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ar, q * shape.AInner)), TLanes.Load(ref Unsafe.Add(ref xj, q * shape.XRow)), s);
        }

        TLanes.Store(s, ref cr);
    }

    /// <summary>The columns no vector covers, four rows at a time so that four sums are in flight, not one.</summary>
    private static void ScalarColumns<T>(ref T a, ref T x, ref T c, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var aRow = shape.ARow;
        for (; j < shape.Columns; j++)
        {
            var r = 0;
            for (; r + 4 <= shape.Rows; r += 4)
            {
                ref var c0 = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
                ref var c1 = ref Unsafe.Add(ref c0, shape.CRow);
                ref var c2 = ref Unsafe.Add(ref c1, shape.CRow);
                ref var c3 = ref Unsafe.Add(ref c2, shape.CRow);
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                if (shape.Add)
                {
                    (s0, s1, s2, s3) = (c0, c1, c2, c3);
                }

                ref var ar = ref Unsafe.Add(ref a, r * aRow);
                for (var q = 0; q < shape.Inner; q++)
                {
                    ref var aq = ref Unsafe.Add(ref ar, q * shape.AInner);
                    var xq = Unsafe.Add(ref x, (q * shape.XRow) + j);
                    s0 += aq * xq;
                    s1 += Unsafe.Add(ref aq, aRow) * xq;
                    s2 += Unsafe.Add(ref aq, 2 * aRow) * xq;
                    s3 += Unsafe.Add(ref aq, 3 * aRow) * xq;
                }

                (c0, c1, c2, c3) = (s0, s1, s2, s3);
            }

            for (; r < shape.Rows; r++)
            {
                ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
                var s = shape.Add ? cr : T.Zero;
                ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
                for (var q = 0; q < shape.Inner; q++)
                {
                    s += Unsafe.Add(ref ar, q * shape.AInner) * Unsafe.Add(ref x, (q * shape.XRow) + j);
                }

                cr = s;
            }
        }
    }

    /// <summary>The sizes and strides of one product.</summary>
    private readonly record struct Shape(int ARow, int AInner, int XRow, int CRow, int Rows, int Columns, int Inner, bool Add);
}
