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

    /// <summary>
    /// float32 tanh within 2 units in the last place of the exact value rounded to float32, over every exponent from
    /// 1e-30 to past 9.1 (where it is 1), both signs, about 1.2 million arguments.
    /// </summary>
    [Fact]
    public void Tanh_Float32_WithinTwoUnitsInTheLastPlace()
    {
        var arguments = new List<float>();
        for (var x = 1e-30f; x < 12; x *= 1.00005f)
        {
            arguments.Add(x);
            arguments.Add(-x);
        }

        AssertWithinTwoUnits(arguments.ToArray(), VectorOps.Tanh, Math.Tanh);
    }

    /// <summary>
    /// float32 e^x within 2 units in the last place of the exact value rounded to float32, wherever that is a normal
    /// number (-87.33 to 88.37), about 1.8 million arguments.
    /// </summary>
    [Fact]
    public void Exp_Float32_WithinTwoUnitsInTheLastPlace()
    {
        var arguments = new List<float>();
        for (var x = -87.33f; x < 88.37f; x += 1e-4f)
        {
            arguments.Add(x);
        }

        AssertWithinTwoUnits(arguments.ToArray(), VectorOps.Exp, Math.Exp);
    }

    /// <summary>
    /// NaN stays NaN (a diverged run must be seen), infinities and zeros give their limits, exactly; the values repeat
    /// six times so that every vector width and the tail meet each of them.
    /// </summary>
    [Fact]
    public void TanhAndExp_Float32_SpecialValues()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 9.1f, -20f, 1000f, -1000f, 88.5f, -90f];
        float[] tanh = [.. Enumerable.Repeat(x, 6).SelectMany(v => v)];
        var exp = (float[])tanh.Clone();

        VectorOps.Tanh<float>(tanh);
        VectorOps.Exp<float>(exp);

        for (var start = 0; start < tanh.Length; start += x.Length)
        {
            Assert.Equal([float.NaN, 1f, -1f, 0f, -0f, 1f, -1f, 1f, -1f, 1f, -1f], tanh[start..(start + x.Length)]);
            Assert.True(float.IsNegative(tanh[start + 4]), "tanh(-0) is -0");
            Assert.Equal([float.NaN, float.PositiveInfinity, 0f, 1f, 1f, MathF.Exp(9.1f), MathF.Exp(-20f), float.PositiveInfinity, 0f, float.PositiveInfinity, 0f], exp[start..(start + x.Length)], (e, a) => e.Equals(a) || Math.Abs(BitConverter.SingleToInt32Bits(e) - BitConverter.SingleToInt32Bits(a)) <= 2);
        }
    }

    /// <summary>
    /// Each element is computed alone with the same operations in every vector width and in the padded tail, so an
    /// element's result cannot depend on where it falls: every suffix of one array gives the same bits.
    /// </summary>
    [Fact]
    public void TanhAndExp_Float32_SameBitsWhereverAnElementFalls()
    {
        var random = new Random(6);
        var values = Enumerable.Range(0, 53).Select(_ => (float)((random.NextDouble() * 16) - 12)).ToArray();
        foreach (var function in new SpanAction[] { VectorOps.Tanh, VectorOps.Exp })
        {
            var whole = (float[])values.Clone();
            function(whole);
            for (var start = 1; start < values.Length; start++)
            {
                var suffix = values[start..];
                function(suffix);
                Assert.Equal(whole[start..], suffix);
            }
        }
    }

    /// <summary>float64 is the library's, whose bits the exact algorithm keeps.</summary>
    [Fact]
    public void TanhAndExp_Float64_AreTheLibrarys()
    {
        var random = new Random(7);
        var values = Values(random, 203).Select(v => v * 20).ToArray();
        var (tanh, exp) = ((double[])values.Clone(), (double[])values.Clone());

        VectorOps.Tanh<double>(tanh);
        VectorOps.Exp<double>(exp);

        var library = (double[])values.Clone();
        System.Numerics.Tensors.TensorPrimitives.Exp(library, library);
        Assert.Equal(library, exp);
        System.Numerics.Tensors.TensorPrimitives.Tanh(values, library);
        Assert.Equal(library, tanh);
    }

    private delegate void SpanAction(Span<float> values);

    private static void AssertWithinTwoUnits(float[] arguments, SpanAction function, Func<double, double> exact)
    {
        var results = (float[])arguments.Clone();
        function(results);
        for (var i = 0; i < arguments.Length; i++)
        {
            var expected = (float)exact(arguments[i]);
            var units = Math.Abs((long)BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(results[i]));
            Assert.True(units <= 2, $"f({arguments[i]:R}) = {results[i]:R}, exactly {expected:R}: {units} units in the last place apart");
        }
    }

    private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
}
