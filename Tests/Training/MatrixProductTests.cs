using System.Numerics;
using System.Runtime.Intrinsics;
using RnnTui.Backends.Simd;

namespace RnnTui.Tests.Training;

/// <summary>
/// The simd backend's one blocked product, C (+)= A X, against the plain triple loop, on every count of rows and
/// columns that its blocks leave over (blocks of six, four, two and one rows; of eight, four and one rows in the last
/// vector; four, two and one vectors of each width, and six where blocks of four would leave two or three (float32's
/// 100 columns, float64's 50, by blocks of four rows and the rows left over), and columns no vector covers, which are
/// dot products when A is by row and the shared dimension fills a vector; the last two to four columns of a float32
/// product with A by row folded four steps to a 512-bit vector, with steps left over past the last group of four; the
/// last four columns with A by column in 512-bit vectors along C's rows, one or two vectors of rows at a time and the
/// rows left over), A by row and by column, with and without adding to C, in both precisions and both widest widths.
/// </summary>
public sealed class MatrixProductTests
{
    public static TheoryData<string, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var precision in new[] { "f64", "f32" })
        {
            foreach (var width in new[] { 256, 512 })
            {
                data.Add(precision, width, false);
                data.Add(precision, width, true);
            }
        }

        return data;
    }

    /// <summary>
    /// Each element is held to the loop's sum (in float64) within n roundings of the sum of its terms' sizes, the bound
    /// of any order of n additions: 4e-14 in float64 and 2e-5 in float32 for the 301 terms of the longest case. A term
    /// left out or taken twice is off by a whole term, about 1/inner of that sum.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_AgreesWithThePlainLoop_OnEveryRemainderOfTheBlocks(string precision, int width, bool transposedA)
    {
        var vectorWidth = width == 512 ? VectorWidth.Bits512 : VectorWidth.Bits256;
        foreach (var rows in new[] { 1, 2, 3, 5, 6, 7, 8, 9, 13, 17, 32 })
        {
            foreach (var columns in new[] { 1, 2, 3, 4, 5, 9, 17, 18, 33, 50, 65, 100 })
            {
                foreach (var inner in new[] { 1, 7, 70, 100, 300 })
                {
                    foreach (var add in new[] { false, true })
                    {
                        var seed = (rows * 1_000_000) + (columns * 1000) + inner + (add ? 1 : 0);
                        if (precision == "f64")
                        {
                            Check<double>(vectorWidth, rows, columns, inner, add, transposedA, seed, 4e-14);
                        }
                        else
                        {
                            Check<float>(vectorWidth, rows, columns, inner, add, transposedA, seed, 2e-5);
                        }
                    }
                }
            }
        }
    }

    private static void Check<T>(VectorWidth width, int rows, int columns, int inner, bool add, bool transposedA, int seed, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T Draw() => T.CreateTruncating(random.NextDouble() - 0.5);

        // X and C get rows wider than the product's columns, and A a stride wider than it needs, so that a block that
        // reads or writes past its place shows.
        var (xRow, cRow) = (columns + 3, columns + 5);
        var (aRow, aInner) = transposedA ? (1, rows + 2) : (inner + 2, 1);
        var a = new T[(rows * aRow) + (inner * aInner)];
        var x = new T[inner * xRow];
        var c = new T[rows * cRow];
        Fill(a, Draw);
        Fill(x, Draw);
        Fill(c, Draw);
        var before = (T[])c.Clone();

        MatrixProduct.Multiply<T>(width, a, aRow, aInner, x, xRow, c, cRow, rows, columns, inner, add);

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cRow; j++)
            {
                var place = $"{typeof(T).Name} width {width} rows {rows} columns {columns} inner {inner} add {add} A {(transposedA ? "by column" : "by row")}: C[{r}, {j}]";
                if (j >= columns)
                {
                    Assert.True(c[(r * cRow) + j] == before[(r * cRow) + j], $"{place} is outside the product and was written");
                    continue;
                }

                var sum = add ? double.CreateTruncating(before[(r * cRow) + j]) : 0.0;
                var size = Math.Abs(sum);
                for (var q = 0; q < inner; q++)
                {
                    var term = double.CreateTruncating(a[(r * aRow) + (q * aInner)]) * double.CreateTruncating(x[(q * xRow) + j]);
                    sum += term;
                    size += Math.Abs(term);
                }

                var actual = double.CreateTruncating(c[(r * cRow) + j]);
                Assert.True(Math.Abs(actual - sum) <= tolerance * Math.Max(size, 1e-30), $"{place} is {actual}, the loop gives {sum} (terms' sizes {size})");
            }
        }
    }

    private static void Fill<T>(T[] values, Func<T> draw)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = draw();
        }
    }
}
