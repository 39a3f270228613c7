using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The one product every batched step reduces to: C = A X, with X and C by row (the vector dimension) and A at any two
/// strides, so that A may be a matrix or the transpose of one without a copy. A block of C stays in registers while the
/// shared dimension streams past: where the width has 32 registers (512-bit), six rows by four vectors, or four rows by
/// six where the columns are six vectors and a few more; else four rows by two vectors. So each vector of X loaded
/// feeds four or six multiply-adds and each element of A broadcast two, four or six. The columns are covered by the
/// widest vectors first, then narrower ones; the columns no vector covers are dot products along the shared dimension
/// where A's rows run along it, else taken one element at a time. With 512-bit vectors, the last four columns (of m =
/// 100) are not given a narrow vector of their own, which would cost a multiply-add per row and step for a quarter of
/// the lanes: in float32 with A by row they are folded four steps to a vector (<see cref="FoldedColumns"/>), and with A
/// by column the vectors run along C's rows (<see cref="RowLaneColumns{T}"/>). A long shared dimension is taken in
/// stretches that stay in the L1 cache.
/// </summary>
internal static partial class MatrixProduct
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
        // A long shared dimension goes in stretches whose rows of X stay in L1 while every block of rows of C passes.
        // Each sum still takes its terms in order, so the result is the same to the bit.
        var step = inner > 2 * InnerStretch ? InnerStretch : inner;
        var q = 0;
        do
        {
            var stretch = Math.Min(step, inner - q);
            MultiplyStretch(width, a[(q * aInner)..], aRow, aInner, x[(q * xRow)..], xRow, c, cRow, rows, columns, stretch, add || q > 0);
            q += stretch;
        }
        while (q < inner);
    }

    /// <summary>The rows of X taken at a time: 64 rows of four 512-bit vectors are 16 KiB.</summary>
    private const int InnerStretch = 64;

    private static void MultiplyStretch<T>(VectorWidth width, ReadOnlySpan<T> a, int aRow, int aInner, ReadOnlySpan<T> x, int xRow, Span<T> c, int cRow, int rows, int columns, int inner, bool add)
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

        if (FoldsColumns<T>(width, shape, j))
        {
            FoldedColumns(ref Unsafe.As<T, float>(ref a0), ref Unsafe.As<T, float>(ref x0), ref Unsafe.As<T, float>(ref c0), shape, j);
            return;
        }

        if (LaysRowsInLanes<T>(width, shape, j))
        {
            RowLaneColumns(ref a0, ref x0, ref c0, shape, j);
            return;
        }

        if (Lanes256<T>.IsAccelerated)
        {
            j = Columns<T, Vector256<T>, Lanes256<T>>(ref a0, ref x0, ref c0, shape, j);
        }

        if (Lanes128<T>.IsAccelerated)
        {
            j = Columns<T, Vector128<T>, Lanes128<T>>(ref a0, ref x0, ref c0, shape, j);
        }

        // The columns no vector covers (the last of K = 65): as dot products where A's rows run along the shared
        // dimension, a multiply-add per vector of it; else a multiply-add per element.
        if (j < columns && aInner == 1 && width == VectorWidth.Bits512 && Lanes512<T>.IsAccelerated && inner >= Lanes512<T>.Count)
        {
            DotColumns<T, Vector512<T>, Lanes512<T>>(ref a0, ref x0, ref c0, shape, j);
        }
        else if (j < columns && aInner == 1 && Lanes256<T>.IsAccelerated && inner >= Lanes256<T>.Count)
        {
            DotColumns<T, Vector256<T>, Lanes256<T>>(ref a0, ref x0, ref c0, shape, j);
        }
        else
        {
            ScalarColumns(ref a0, ref x0, ref c0, shape, j);
        }
    }

    /// <summary>
    /// Columns from <paramref name="j"/> on as dot products along the shared dimension, for an A whose rows run along it
    /// (AInner 1): X's column is gathered once, and each row then costs a multiply-add per vector of the shared
    /// dimension rather than per element, eight rows at a time so that eight sums are in flight. Worth it for the
    /// columns no vector covers (the score of K = 65's last character took a third of the scores' product one element
    /// at a time, a twentieth this way); for a last few columns that a narrow vector covers it is slower, because each
    /// short dot product ends in adding up its lanes.
    /// </summary>
    private static void DotColumns<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var whole = shape.Inner - (shape.Inner % lanes);
        var (aRow, cRow) = (shape.ARow, shape.CRow);
        Span<T> gathered = stackalloc T[2 * InnerStretch];
        ref var column = ref MemoryMarshal.GetReference(gathered);
        for (; j < shape.Columns; j++)
        {
            for (var q = 0; q < shape.Inner; q++)
            {
                Unsafe.Add(ref column, q) = Unsafe.Add(ref x, (q * shape.XRow) + j);
            }

            var r = 0;
            for (; r + 8 <= shape.Rows; r += 8)
            {
                ref var ar = ref Unsafe.Add(ref a, r * aRow);
                TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
                TVector s4 = TLanes.Zero, s5 = TLanes.Zero, s6 = TLanes.Zero, s7 = TLanes.Zero;
                for (var q = 0; q < whole; q += lanes)
                {
                    var xq = TLanes.Load(ref Unsafe.Add(ref column, q));
                    ref var aq = ref Unsafe.Add(ref ar, q);
                    s0 = TLanes.MultiplyAdd(TLanes.Load(ref aq), xq, s0);
                    s1 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, aRow)), xq, s1);
                    s2 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 2 * aRow)), xq, s2);
                    s3 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 3 * aRow)), xq, s3);
                    s4 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 4 * aRow)), xq, s4);
                    s5 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 5 * aRow)), xq, s5);
                    s6 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 6 * aRow)), xq, s6);
                    s7 = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref aq, 7 * aRow)), xq, s7);
                }

                ref var cr = ref Unsafe.Add(ref c, (r * cRow) + j);
                FinishDot<T, TVector, TLanes>(ref ar, ref column, ref cr, shape, whole, s0);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, aRow), ref column, ref Unsafe.Add(ref cr, cRow), shape, whole, s1);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 2 * aRow), ref column, ref Unsafe.Add(ref cr, 2 * cRow), shape, whole, s2);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 3 * aRow), ref column, ref Unsafe.Add(ref cr, 3 * cRow), shape, whole, s3);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 4 * aRow), ref column, ref Unsafe.Add(ref cr, 4 * cRow), shape, whole, s4);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 5 * aRow), ref column, ref Unsafe.Add(ref cr, 5 * cRow), shape, whole, s5);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 6 * aRow), ref column, ref Unsafe.Add(ref cr, 6 * cRow), shape, whole, s6);
                FinishDot<T, TVector, TLanes>(ref Unsafe.Add(ref ar, 7 * aRow), ref column, ref Unsafe.Add(ref cr, 7 * cRow), shape, whole, s7);
            }

            for (; r < shape.Rows; r++)
            {
                ref var ar = ref Unsafe.Add(ref a, r * aRow);
                var s = TLanes.Zero;
                for (var q = 0; q < whole; q += lanes)
                {
                    s = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref ar, q)), TLanes.Load(ref Unsafe.Add(ref column, q)), s);
                }

                FinishDot<T, TVector, TLanes>(ref ar, ref column, ref Unsafe.Add(ref c, (r * cRow) + j), shape, whole, s);
            }
        }
    }

    /// <summary>One dot product's end: its lanes added up, the terms past the last whole vector, and C's value if adding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishDot<T, TVector, TLanes>(ref T ar, ref T column, ref T cr, in Shape shape, int whole, TVector sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var sum = TLanes.SumAcross(sums);
        for (var q = whole; q < shape.Inner; q++)
        {
            sum = T.FusedMultiplyAdd(Unsafe.Add(ref ar, q), Unsafe.Add(ref column, q), sum);
        }

        cr = shape.Add ? cr + sum : sum;
    }

    /// <summary>Columns from <paramref name="j"/> in vectors of one width, two at a time then one; returns where it stopped.</summary>
    private static int Columns<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        if (TLanes.Registers >= 32)
        {
            // Whole vectors that blocks of four would leave two or three of (float32's m = 100 is six vectors and four
            // columns) start with a block of six, so that no block of two vectors, with its eight sums, is needed.
            var vectors = (shape.Columns - j) / lanes;
            if (vectors >= 6 && vectors % 4 >= 2)
            {
                var r = 0;
                for (; r + 4 <= shape.Rows; r += 4)
                {
                    FourRowsSixVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                }

                for (; r < shape.Rows; r++)
                {
                    OneRowSixVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                }

                j += 6 * lanes;
            }

            for (; j + (4 * lanes) <= shape.Columns; j += 4 * lanes)
            {
                var r = 0;
                for (; r + 6 <= shape.Rows; r += 6)
                {
                    SixRowsFourVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                }

                for (; r + 4 <= shape.Rows; r += 4)
                {
                    FourRowsTwoVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                    FourRowsTwoVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j + (2 * lanes));
                }

                for (; r + 2 <= shape.Rows; r += 2)
                {
                    TwoRowsFourVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                }

                for (; r < shape.Rows; r++)
                {
                    OneRowFourVectors<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
                }
            }
        }

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
            OneVectorRows<T, TVector, TLanes>(ref a, ref x, ref c, shape, 0, j);
            j += lanes;
        }

        return j;
    }

    /// <summary>One vector of columns from <paramref name="j"/>, for the rows from <paramref name="r"/> on.</summary>
    private static void OneVectorRows<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        for (; r + 8 <= shape.Rows; r += 8)
        {
            EightRowsOneVector<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
        }

        for (; r + 4 <= shape.Rows; r += 4)
        {
            FourRowsOneVector<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
        }

        for (; r < shape.Rows; r++)
        {
            OneRow<T, TVector, TLanes>(ref a, ref x, ref c, shape, r, j);
        }
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
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
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

    /// <summary>
    /// Six rows by four vectors in 24 registers, for the widths that have 32: each vector of X loaded feeds six
    /// multiply-adds and each element of A four, so that the products over many rows (dV, dW) read X two-thirds as
    /// often as four rows would, and 24 independent sums cover the multiply-add's latency twice over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SixRowsFourVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var aRow = shape.ARow;
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TVector s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        TVector s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero;
        TVector s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero;
        TVector s40 = TLanes.Zero, s41 = TLanes.Zero, s42 = TLanes.Zero, s43 = TLanes.Zero;
        TVector s50 = TLanes.Zero, s51 = TLanes.Zero, s52 = TLanes.Zero, s53 = TLanes.Zero;
        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        if (shape.Add)
        {
            LoadRow<T, TVector, TLanes>(ref cr, out s00, out s01, out s02, out s03);
            LoadRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, shape.CRow), out s10, out s11, out s12, out s13);
            LoadRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 2 * shape.CRow), out s20, out s21, out s22, out s23);
            LoadRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 3 * shape.CRow), out s30, out s31, out s32, out s33);
            LoadRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 4 * shape.CRow), out s40, out s41, out s42, out s43);
            LoadRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 5 * shape.CRow), out s50, out s51, out s52, out s53);
        }

        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            // The places are computed afresh rather than stepped on, so that no reference ever points past the arrays.
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
            LoadRow<T, TVector, TLanes>(ref xq, out var x0, out var x1, out var x2, out var x3);
            (s00, s01, s02, s03) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(aq), x0, x1, x2, x3, s00, s01, s02, s03);
            (s10, s11, s12, s13) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, aRow)), x0, x1, x2, x3, s10, s11, s12, s13);
            (s20, s21, s22, s23) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, 2 * aRow)), x0, x1, x2, x3, s20, s21, s22, s23);
            (s30, s31, s32, s33) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, 3 * aRow)), x0, x1, x2, x3, s30, s31, s32, s33);
            (s40, s41, s42, s43) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, 4 * aRow)), x0, x1, x2, x3, s40, s41, s42, s43);
            (s50, s51, s52, s53) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, 5 * aRow)), x0, x1, x2, x3, s50, s51, s52, s53);
        }

        StoreRow<T, TVector, TLanes>(ref cr, s00, s01, s02, s03);
        StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, shape.CRow), s10, s11, s12, s13);
        StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 2 * shape.CRow), s20, s21, s22, s23);
        StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 3 * shape.CRow), s30, s31, s32, s33);
        StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 4 * shape.CRow), s40, s41, s42, s43);
        StoreRow<T, TVector, TLanes>(ref Unsafe.Add(ref cr, 5 * shape.CRow), s50, s51, s52, s53);
    }

    /// <summary>
    /// Four rows by six vectors in 24 registers (with the six vectors of X loaded, 31 of 32): each element of A broadcast
    /// feeds six multiply-adds and each vector of X four. Float32's m = 100 columns are six 512-bit vectors and four
    /// columns; as blocks of four vectors and then two, the blocks of two had only eight sums in flight, about the
    /// multiply-add's latency at two a cycle (the batch-32 float32 kernel took 3% longer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRowsSixVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var aRow = shape.ARow;
        var cRow = shape.CRow;
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero, s04 = TLanes.Zero, s05 = TLanes.Zero;
        TVector s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero, s14 = TLanes.Zero, s15 = TLanes.Zero;
        TVector s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero, s24 = TLanes.Zero, s25 = TLanes.Zero;
        TVector s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero, s34 = TLanes.Zero, s35 = TLanes.Zero;
        ref var c0 = ref Unsafe.Add(ref c, (r * cRow) + j);
        ref var c1 = ref Unsafe.Add(ref c0, cRow);
        ref var c2 = ref Unsafe.Add(ref c0, 2 * cRow);
        ref var c3 = ref Unsafe.Add(ref c0, 3 * cRow);
        if (shape.Add)
        {
            LoadRow<T, TVector, TLanes>(ref c0, out s00, out s01, out s02, out s03);
            (s04, s05) = (TLanes.Load(ref Unsafe.Add(ref c0, 4 * lanes)), TLanes.Load(ref Unsafe.Add(ref c0, 5 * lanes)));
            LoadRow<T, TVector, TLanes>(ref c1, out s10, out s11, out s12, out s13);
            (s14, s15) = (TLanes.Load(ref Unsafe.Add(ref c1, 4 * lanes)), TLanes.Load(ref Unsafe.Add(ref c1, 5 * lanes)));
            LoadRow<T, TVector, TLanes>(ref c2, out s20, out s21, out s22, out s23);
            (s24, s25) = (TLanes.Load(ref Unsafe.Add(ref c2, 4 * lanes)), TLanes.Load(ref Unsafe.Add(ref c2, 5 * lanes)));
            LoadRow<T, TVector, TLanes>(ref c3, out s30, out s31, out s32, out s33);
            (s34, s35) = (TLanes.Load(ref Unsafe.Add(ref c3, 4 * lanes)), TLanes.Load(ref Unsafe.Add(ref c3, 5 * lanes)));
        }

        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
            LoadRow<T, TVector, TLanes>(ref xq, out var x0, out var x1, out var x2, out var x3);
            var x4 = TLanes.Load(ref Unsafe.Add(ref xq, 4 * lanes));
            var x5 = TLanes.Load(ref Unsafe.Add(ref xq, 5 * lanes));
            var e = TLanes.Broadcast(aq);
            (s00, s01, s02, s03) = RowTimesFour<T, TVector, TLanes>(e, x0, x1, x2, x3, s00, s01, s02, s03);
            (s04, s05) = (TLanes.MultiplyAdd(e, x4, s04), TLanes.MultiplyAdd(e, x5, s05));
            e = TLanes.Broadcast(Unsafe.Add(ref aq, aRow));
            (s10, s11, s12, s13) = RowTimesFour<T, TVector, TLanes>(e, x0, x1, x2, x3, s10, s11, s12, s13);
            (s14, s15) = (TLanes.MultiplyAdd(e, x4, s14), TLanes.MultiplyAdd(e, x5, s15));
            e = TLanes.Broadcast(Unsafe.Add(ref aq, 2 * aRow));
            (s20, s21, s22, s23) = RowTimesFour<T, TVector, TLanes>(e, x0, x1, x2, x3, s20, s21, s22, s23);
            (s24, s25) = (TLanes.MultiplyAdd(e, x4, s24), TLanes.MultiplyAdd(e, x5, s25));
            e = TLanes.Broadcast(Unsafe.Add(ref aq, 3 * aRow));
            (s30, s31, s32, s33) = RowTimesFour<T, TVector, TLanes>(e, x0, x1, x2, x3, s30, s31, s32, s33);
            (s34, s35) = (TLanes.MultiplyAdd(e, x4, s34), TLanes.MultiplyAdd(e, x5, s35));
        }

        StoreRow<T, TVector, TLanes>(ref c0, s00, s01, s02, s03);
        TLanes.Store(s04, ref Unsafe.Add(ref c0, 4 * lanes));
        TLanes.Store(s05, ref Unsafe.Add(ref c0, 5 * lanes));
        StoreRow<T, TVector, TLanes>(ref c1, s10, s11, s12, s13);
        TLanes.Store(s14, ref Unsafe.Add(ref c1, 4 * lanes));
        TLanes.Store(s15, ref Unsafe.Add(ref c1, 5 * lanes));
        StoreRow<T, TVector, TLanes>(ref c2, s20, s21, s22, s23);
        TLanes.Store(s24, ref Unsafe.Add(ref c2, 4 * lanes));
        TLanes.Store(s25, ref Unsafe.Add(ref c2, 5 * lanes));
        StoreRow<T, TVector, TLanes>(ref c3, s30, s31, s32, s33);
        TLanes.Store(s34, ref Unsafe.Add(ref c3, 4 * lanes));
        TLanes.Store(s35, ref Unsafe.Add(ref c3, 5 * lanes));
    }

    /// <summary>
    /// Two rows left over below the blocks of six and four, as eight sums in flight: enough to cover the multiply-add's
    /// latency, which one row's four sums are not.
    /// </summary>
    private static void TwoRowsFourVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        ref var c0 = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        ref var c1 = ref Unsafe.Add(ref c0, shape.CRow);
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TVector s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        if (shape.Add)
        {
            LoadRow<T, TVector, TLanes>(ref c0, out s00, out s01, out s02, out s03);
            LoadRow<T, TVector, TLanes>(ref c1, out s10, out s11, out s12, out s13);
        }

        ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aRow, aInner, xRow, inner) = (shape.ARow, shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
            LoadRow<T, TVector, TLanes>(ref xq, out var x0, out var x1, out var x2, out var x3);
            (s00, s01, s02, s03) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(aq), x0, x1, x2, x3, s00, s01, s02, s03);
            (s10, s11, s12, s13) = RowTimesFour<T, TVector, TLanes>(TLanes.Broadcast(Unsafe.Add(ref aq, aRow)), x0, x1, x2, x3, s10, s11, s12, s13);
        }

        StoreRow<T, TVector, TLanes>(ref c0, s00, s01, s02, s03);
        StoreRow<T, TVector, TLanes>(ref c1, s10, s11, s12, s13);
    }

    /// <summary>A row left over below the blocks of six, its four vectors as four sums in flight.</summary>
    private static void OneRowFourVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
        if (shape.Add)
        {
            LoadRow<T, TVector, TLanes>(ref cr, out s0, out s1, out s2, out s3);
        }

        ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
            var e = TLanes.Broadcast(aq);
            s0 = TLanes.MultiplyAdd(e, TLanes.Load(ref xq), s0);
            s1 = TLanes.MultiplyAdd(e, TLanes.Load(ref Unsafe.Add(ref xq, lanes)), s1);
            s2 = TLanes.MultiplyAdd(e, TLanes.Load(ref Unsafe.Add(ref xq, 2 * lanes)), s2);
            s3 = TLanes.MultiplyAdd(e, TLanes.Load(ref Unsafe.Add(ref xq, 3 * lanes)), s3);
        }

        StoreRow<T, TVector, TLanes>(ref cr, s0, s1, s2, s3);
    }

    /// <summary>
    /// A row left over below the blocks of four rows by six vectors, its six vectors as six sums in flight: as four and
    /// then one and one, a long shared dimension (the row of ones that sums G_a for db, the 65th row of dV) went
    /// three times at the multiply-add's latency.
    /// </summary>
    private static void OneRowSixVectors<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero, s4 = TLanes.Zero, s5 = TLanes.Zero;
        if (shape.Add)
        {
            LoadRow<T, TVector, TLanes>(ref cr, out s0, out s1, out s2, out s3);
            (s4, s5) = (TLanes.Load(ref Unsafe.Add(ref cr, 4 * lanes)), TLanes.Load(ref Unsafe.Add(ref cr, 5 * lanes)));
        }

        ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var xq = ref Unsafe.Add(ref xj, q * xRow);
            var e = TLanes.Broadcast(Unsafe.Add(ref ar, q * aInner));
            LoadRow<T, TVector, TLanes>(ref xq, out var x0, out var x1, out var x2, out var x3);
            (s0, s1, s2, s3) = RowTimesFour<T, TVector, TLanes>(e, x0, x1, x2, x3, s0, s1, s2, s3);
            s4 = TLanes.MultiplyAdd(e, TLanes.Load(ref Unsafe.Add(ref xq, 4 * lanes)), s4);
            s5 = TLanes.MultiplyAdd(e, TLanes.Load(ref Unsafe.Add(ref xq, 5 * lanes)), s5);
        }

        StoreRow<T, TVector, TLanes>(ref cr, s0, s1, s2, s3);
        TLanes.Store(s4, ref Unsafe.Add(ref cr, 4 * lanes));
        TLanes.Store(s5, ref Unsafe.Add(ref cr, 5 * lanes));
    }

    /// <summary>One row's four sums, each added the element of A broadcast in <paramref name="e"/> times its vector of X.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector, TVector, TVector, TVector) RowTimesFour<T, TVector, TLanes>(TVector e, TVector x0, TVector x1, TVector x2, TVector x3, TVector s0, TVector s1, TVector s2, TVector s3)
        where T : unmanaged
        where TVector : struct
        where TLanes : ILanes<T, TVector> =>
        (TLanes.MultiplyAdd(e, x0, s0), TLanes.MultiplyAdd(e, x1, s1), TLanes.MultiplyAdd(e, x2, s2), TLanes.MultiplyAdd(e, x3, s3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<T, TVector, TLanes>(ref T row, out TVector v0, out TVector v1, out TVector v2, out TVector v3)
        where T : unmanaged
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        v0 = TLanes.Load(ref row);
        v1 = TLanes.Load(ref Unsafe.Add(ref row, lanes));
        v2 = TLanes.Load(ref Unsafe.Add(ref row, 2 * lanes));
        v3 = TLanes.Load(ref Unsafe.Add(ref row, 3 * lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TVector, TLanes>(ref T row, TVector v0, TVector v1, TVector v2, TVector v3)
        where T : unmanaged
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        TLanes.Store(v0, ref row);
        TLanes.Store(v1, ref Unsafe.Add(ref row, lanes));
        TLanes.Store(v2, ref Unsafe.Add(ref row, 2 * lanes));
        TLanes.Store(v3, ref Unsafe.Add(ref row, 3 * lanes));
    }

    /// <summary>
    /// A last vector of columns, eight rows at a time: eight sums in flight cover the multiply-add's latency at two a
    /// cycle, where four would keep half the units idle. Its columns cost a multiply-add per row however few they are,
    /// so this block matters more than its width suggests (the last 4 of 100 columns with 256-bit vectors, and in float64
    /// with A by row; with 512-bit vectors in float32, or with A by column, those are folded or laid along C's rows).
    /// </summary>
    private static void EightRowsOneVector<T, TVector, TLanes>(ref T a, ref T x, ref T c, in Shape shape, int r, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var (aRow, cRow) = (shape.ARow, shape.CRow);
        ref var c0 = ref Unsafe.Add(ref c, (r * cRow) + j);
        TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
        TVector s4 = TLanes.Zero, s5 = TLanes.Zero, s6 = TLanes.Zero, s7 = TLanes.Zero;
        if (shape.Add)
        {
            s0 = TLanes.Load(ref c0);
            s1 = TLanes.Load(ref Unsafe.Add(ref c0, cRow));
            s2 = TLanes.Load(ref Unsafe.Add(ref c0, 2 * cRow));
            s3 = TLanes.Load(ref Unsafe.Add(ref c0, 3 * cRow));
            s4 = TLanes.Load(ref Unsafe.Add(ref c0, 4 * cRow));
            s5 = TLanes.Load(ref Unsafe.Add(ref c0, 5 * cRow));
            s6 = TLanes.Load(ref Unsafe.Add(ref c0, 6 * cRow));
            s7 = TLanes.Load(ref Unsafe.Add(ref c0, 7 * cRow));
        }

        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        ref var xj = ref Unsafe.Add(ref x, j);
        var (aInner, xRow, inner) = (shape.AInner, shape.XRow, shape.Inner);
        for (var q = 0; q < inner; q++)
        {
            ref var aq = ref Unsafe.Add(ref ar, q * aInner);
            var xq = TLanes.Load(ref Unsafe.Add(ref xj, q * xRow));
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(aq), xq, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, aRow)), xq, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 2 * aRow)), xq, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 3 * aRow)), xq, s3);
            s4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 4 * aRow)), xq, s4);
            s5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 5 * aRow)), xq, s5);
            s6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 6 * aRow)), xq, s6);
            s7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref aq, 7 * aRow)), xq, s7);
        }

        TLanes.Store(s0, ref c0);
        TLanes.Store(s1, ref Unsafe.Add(ref c0, cRow));
        TLanes.Store(s2, ref Unsafe.Add(ref c0, 2 * cRow));
        TLanes.Store(s3, ref Unsafe.Add(ref c0, 3 * cRow));
        TLanes.Store(s4, ref Unsafe.Add(ref c0, 4 * cRow));
        TLanes.Store(s5, ref Unsafe.Add(ref c0, 5 * cRow));
        TLanes.Store(s6, ref Unsafe.Add(ref c0, 6 * cRow));
        TLanes.Store(s7, ref Unsafe.Add(ref c0, 7 * cRow));
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
