using RnnTui.Backends.Simd;

namespace RnnTui.Tests.Training;

/// <summary>The SIMD backend's primitives against plain scalar loops, on every length from 0 to past several vectors.</summary>
public sealed class VectorOpsTests
{
    private const double Tolerance = 1e-13;

    [Fact]
    public void MultiplyRows_EveryRowCountAndLength_MatchesScalarDotProducts()
    {
        var random = new Random(1);
        for (var rows = 0; rows <= 9; rows++)
        {
            for (var n = 0; n <= 70; n++)
            {
                var a = Values(random, rows * n);
                var x = Values(random, n);
                var y = new double[rows];

                VectorOps.MultiplyRows(a, rows, x, y);

                for (var r = 0; r < rows; r++)
                {
                    var expected = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        expected += a[(r * n) + j] * x[j];
                    }

                    Assert.Equal(expected, y[r], Tolerance * Math.Max(1, n));
                }
            }
        }
    }

    [Fact]
    public void CombineRows_EveryRowCountLengthAndStride_MatchesScalarSums()
    {
        var random = new Random(2);
        foreach (var stride in new[] { 1, 3 })
        {
            for (var rows = 0; rows <= 9; rows++)
            {
                for (var n = 0; n <= 70; n++)
                {
                    var a = Values(random, rows * n);
                    var c = Values(random, Math.Max(1, rows * stride));
                    var y = Values(random, n);

                    VectorOps.CombineRows(a, rows, c, stride, y);

                    for (var j = 0; j < n; j++)
                    {
                        var expected = 0.0;
                        for (var r = 0; r < rows; r++)
                        {
                            expected += c[r * stride] * a[(r * n) + j];
                        }

                        Assert.Equal(expected, y[j], Tolerance * Math.Max(1, rows));
                    }
                }
            }
        }
    }

    [Fact]
    public void MultiplyRowsPair_EveryRowCountAndLength_MatchesScalarDotProducts()
    {
        var random = new Random(5);
        for (var rows = 0; rows <= 9; rows++)
        {
            for (var n = 0; n <= 70; n++)
            {
                var a = Values(random, rows * n);
                var x0 = Values(random, n);
                var x1 = Values(random, n);
                var (y0, y1) = (new double[rows], new double[rows]);

                VectorOps.MultiplyRowsPair(a, rows, x0, x1, y0, y1);

                for (var r = 0; r < rows; r++)
                {
                    Assert.Equal(VectorOps.Dot(a.AsSpan(r * n, n), x0), y0[r], Tolerance * Math.Max(1, n));
                    Assert.Equal(VectorOps.Dot(a.AsSpan(r * n, n), x1), y1[r], Tolerance * Math.Max(1, n));
                    var expected = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        expected += a[(r * n) + j] * x1[j];
                    }

                    Assert.Equal(expected, y1[r], Tolerance * Math.Max(1, n));
                }
            }
        }
    }

    [Fact]
    public void CombineRowsPair_EveryRowCountLengthAndStride_EqualsTwoCombineRows()
    {
        var random = new Random(4);
        foreach (var stride in new[] { 1, 2, 5 })
        {
            for (var rows = 0; rows <= 9; rows++)
            {
                for (var n = 0; n <= 70; n++)
                {
                    var a = Values(random, rows * n);
                    var c0 = Values(random, Math.Max(1, rows * stride));
                    var c1 = Values(random, Math.Max(1, rows * stride));
                    var (y0, y1, e0, e1) = (new double[n], new double[n], new double[n], new double[n]);

                    VectorOps.CombineRowsPair(a, rows, c0, c1, stride, y0, y1);
                    VectorOps.CombineRows(a, rows, c0, stride, e0);
                    VectorOps.CombineRows(a, rows, c1, stride, e1);

                    Assert.Equal(e0, y0);
                    Assert.Equal(e1, y1);
                }
            }
        }
    }

    [Fact]
    public void AddAndTanhGradient_EveryLength_MatchScalarLoops()
    {
        var random = new Random(3);
        for (var n = 0; n <= 260; n++)
        {
            var a = Values(random, n);
            var b = Values(random, n);
            var h = Values(random, n);
            var sum = (double[])b.Clone();
            var g = new double[n];

            VectorOps.Add(a, sum);
            VectorOps.TanhGradient(a, b, h, g);

            for (var j = 0; j < n; j++)
            {
                Assert.Equal(a[j] + b[j], sum[j]);
                Assert.Equal((a[j] + b[j]) * (1 - (h[j] * h[j])), g[j], 1e-15);
            }
        }
    }

    /// <summary>
    /// The transpose is a copy, so it must be exact: float32 in blocks of 4 x 4 and float64 in blocks of 2 x 2 with the
    /// rows and columns past the last whole block taken alone, on every shape up to past two blocks each way, W's
    /// (100 x 100) and V's (65 x 100); the result's elements past the matrix stay untouched.
    /// </summary>
    [Fact]
    public void Transpose_EveryShape_IsTheExactTranspose()
    {
        var random = new Random(4);
        var shapes = from rows in Enumerable.Range(1, 10) from columns in Enumerable.Range(1, 10) select (rows, columns);
        foreach (var (rows, columns) in shapes.Append((100, 100)).Append((65, 100)))
        {
            var values = Values(random, rows * columns);
            Check(values, rows, columns);
            Check(values.Select(v => (float)v).ToArray(), rows, columns);
        }

        static void Check<T>(T[] matrix, int rows, int columns)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var result = Enumerable.Repeat(T.NaN, (rows * columns) + 3).ToArray();

            VectorOps.Transpose<T>(matrix, rows, columns, result);

            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    Assert.True(result[(j * rows) + i] == matrix[(i * columns) + j], $"{typeof(T).Name} {rows} x {columns}: element ({i}, {j})");
                }
            }

            Assert.All(result[(rows * columns)..], value => Assert.True(T.IsNaN(value)));
        }
    }

    private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
}
