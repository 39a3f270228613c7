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

    private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
}
