using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The last two to four columns of a float32 product whose A runs along the shared dimension (AInner 1), folded: one
/// 512-bit vector holds four steps of the shared dimension for four columns, lane 4i + c the term of step 4g + i and
/// column j + c. A vector of columns for them would cost a multiply-add per row and step however few columns it holds
/// (the last 4 of 100 columns took a sixth of the recurrence's time); folded, a multiply-add covers four steps. X's
/// columns are packed once per call; each row's four elements of A are spread over the vector by a permute.
/// </summary>
internal static partial class MatrixProduct
{
    /// <summary>The most columns folded into a vector: four columns by four steps fill 16 float32 lanes.</summary>
    private const int FoldedWidth = 4;

    /// <summary>Whether <see cref="FoldedColumns"/> takes the columns from <paramref name="j"/> on.</summary>
    private static bool FoldsColumns<T>(VectorWidth width, in Shape shape, int j) =>
        typeof(T) == typeof(float) && width == VectorWidth.Bits512 && Vector512.IsHardwareAccelerated
        && shape.AInner == 1 && shape.Columns - j is >= 2 and <= FoldedWidth && shape.Inner >= FoldedWidth;

    /// <summary>C's columns from <paramref name="j"/> to the end (two to four), folded as the class says.</summary>
    private static void FoldedColumns(ref float a, ref float x, ref float c, in Shape shape, int j)
    {
        var left = shape.Columns - j;
        var groups = shape.Inner / FoldedWidth;

        // X packed: group g's 16 values are its four steps' rows of the columns, zero past the last column; then each
        // step past the last whole group as four values.
        Span<float> packed = stackalloc float[shape.Inner * FoldedWidth];
        ref var p = ref MemoryMarshal.GetReference(packed);
        ref var xj = ref Unsafe.Add(ref x, j);
        if (left == FoldedWidth)
        {
            for (var q = 0; q < shape.Inner; q++)
            {
                Vector128.LoadUnsafe(ref xj, (nuint)(q * shape.XRow)).StoreUnsafe(ref p, (nuint)(q * FoldedWidth));
            }
        }
        else
        {
            packed.Clear();
            for (var q = 0; q < shape.Inner; q++)
            {
                for (var column = 0; column < left; column++)
                {
                    packed[(q * FoldedWidth) + column] = Unsafe.Add(ref xj, (q * shape.XRow) + column);
                }
            }
        }

        var r = 0;
        for (; r + 8 <= shape.Rows; r += 8)
        {
            FoldedEightRows(ref a, ref p, ref c, shape, groups, r, j, left);
        }

        for (; r < shape.Rows; r++)
        {
            ref var ar = ref Unsafe.Add(ref a, r * shape.ARow);
            var sum = Vector512<float>.Zero;
            for (var g = 0; g < groups; g++)
            {
                sum = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref ar, g * FoldedWidth)), Vector512.LoadUnsafe(ref p, (nuint)(g * 16)), sum);
            }

            FinishFolded(ref ar, ref p, ref Unsafe.Add(ref c, (r * shape.CRow) + j), shape, groups, left, sum);
        }
    }

    /// <summary>Eight rows of the folded columns, so that eight sums are in flight.</summary>
    private static void FoldedEightRows(ref float a, ref float p, ref float c, in Shape shape, int groups, int r, int j, int left)
    {
        var aRow = shape.ARow;
        ref var ar = ref Unsafe.Add(ref a, r * aRow);
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (var g = 0; g < groups; g++)
        {
            var xg = Vector512.LoadUnsafe(ref p, (nuint)(g * 16));
            ref var aq = ref Unsafe.Add(ref ar, g * FoldedWidth);
            s0 = Vector512.FusedMultiplyAdd(Spread(ref aq), xg, s0);
            s1 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, aRow)), xg, s1);
            s2 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 2 * aRow)), xg, s2);
            s3 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 3 * aRow)), xg, s3);
            s4 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 4 * aRow)), xg, s4);
            s5 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 5 * aRow)), xg, s5);
            s6 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 6 * aRow)), xg, s6);
            s7 = Vector512.FusedMultiplyAdd(Spread(ref Unsafe.Add(ref aq, 7 * aRow)), xg, s7);
        }

        ref var cr = ref Unsafe.Add(ref c, (r * shape.CRow) + j);
        var cRow = shape.CRow;
        FinishFolded(ref ar, ref p, ref cr, shape, groups, left, s0);
        FinishFolded(ref Unsafe.Add(ref ar, aRow), ref p, ref Unsafe.Add(ref cr, cRow), shape, groups, left, s1);
        FinishFolded(ref Unsafe.Add(ref ar, 2 * aRow), ref p, ref Unsafe.Add(ref cr, 2 * cRow), shape, groups, left, s2);
        FinishFolded(ref Unsafe.Add(ref ar, 3 * aRow), ref p, ref Unsafe.Add(ref cr, 3 * cRow), shape, groups, left, s3);
        FinishFolded(ref Unsafe.Add(ref ar, 4 * aRow), ref p, ref Unsafe.Add(ref cr, 4 * cRow), shape, groups, left, s4);
        FinishFolded(ref Unsafe.Add(ref ar, 5 * aRow), ref p, ref Unsafe.Add(ref cr, 5 * cRow), shape, groups, left, s5);
        FinishFolded(ref Unsafe.Add(ref ar, 6 * aRow), ref p, ref Unsafe.Add(ref cr, 6 * cRow), shape, groups, left, s6);
        FinishFolded(ref Unsafe.Add(ref ar, 7 * aRow), ref p, ref Unsafe.Add(ref cr, 7 * cRow), shape, groups, left, s7);
    }

    /// <summary>A row's four elements of A from <paramref name="aq"/> on, each over four lanes: a0 a0 a0 a0 a1 ... a3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Spread(ref float aq) =>
        Vector512.Shuffle(Vector128.LoadUnsafe(ref aq).ToVector256Unsafe().ToVector512Unsafe(), Vector512.Create(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3));

    /// <summary>
    /// One row's end: the four steps of each column added up (lanes c and 8 + c, lanes 4 + c and 12 + c, then the two
    /// sums), the steps past the last whole group, C's value if adding, and the columns stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishFolded(ref float ar, ref float p, ref float cr, in Shape shape, int groups, int left, Vector512<float> sums)
    {
        var halves = sums.GetLower() + sums.GetUpper();
        var row = halves.GetLower() + halves.GetUpper();
        for (var q = groups * FoldedWidth; q < shape.Inner; q++)
        {
            row = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref ar, q)), Vector128.LoadUnsafe(ref p, (nuint)(q * FoldedWidth)), row);
        }

        if (left == FoldedWidth)
        {
            (shape.Add ? row + Vector128.LoadUnsafe(ref cr) : row).StoreUnsafe(ref cr);
            return;
        }

        for (var column = 0; column < left; column++)
        {
            ref var target = ref Unsafe.Add(ref cr, column);
            target = shape.Add ? target + row[column] : row[column];
        }
    }
}
