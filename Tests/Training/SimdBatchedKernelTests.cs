using System.Runtime.Intrinsics;
using RnnTui.Backends.Simd;
using RnnTui.Contracts;

namespace RnnTui.Tests.Training;

/// <summary>
/// The simd backend's batched kernels, both precisions and both vector widths, against the managed batched reference,
/// on shapes whose m and K leave every remainder of the vector widths; and their promise of no allocation per call.
/// </summary>
public sealed class SimdBatchedKernelTests
{
    private const double Float64Tolerance = 1e-10;
    private const double Float32Tolerance = 1e-4;

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var precision in new[] { "f64", "f32" })
        {
            foreach (var width in new[] { 256, 512 })
            {
                foreach (var batch in new[] { 1, 2, 3, 8, 32 })
                {
                    data.Add(precision, width, batch);
                }
            }
        }

        return data;
    }

    /// <summary>The 512-bit cases run with 256-bit vectors where the processor lacks 512-bit ones (the kernel falls back).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackwardBatch_AgreesWithManagedBatch(string precision, int width, int batch)
    {
        foreach (var (k, m, n) in new[] { (65, 100, 25), (13, 17, 3), (7, 5, 4), (33, 31, 2), (40, 9, 1) })
        {
            var shape = new RnnShape(k, m);
            var runs = new BatchRuns(shape, batch, n, (ulong)((k * 100) + m + batch));
            using var reference = BatchRuns.Kernel("managed", shape, n, batch);
            using var kernel = Create(precision, shape, 25, 32, width);

            var expected = runs.RunBatch(reference);
            var actual = runs.RunBatch(kernel);

            AssertAgree(precision, shape, expected, actual, $"K={k} m={m} n={n}");
        }
    }

    [Theory]
    [InlineData("f64", 1)]
    [InlineData("f64", 3)]
    [InlineData("f64", 32)]
    [InlineData("f32", 1)]
    [InlineData("f32", 3)]
    [InlineData("f32", 32)]
    public void Bits512_AgreesWithBits256_WhereTheProcessorHasBoth(string precision, int batch)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;  // nothing to hold the 256-bit path against here; the cases above still test it
        }

        var shape = new RnnShape(65, 100);
        var runs = new BatchRuns(shape, batch, 25, (ulong)(batch + 77));
        using var narrow = Create(precision, shape, 25, batch, 256);
        using var wide = Create(precision, shape, 25, batch, 512);

        AssertAgree(precision, shape, runs.RunBatch(narrow), runs.RunBatch(wide), "512 vs 256");
    }

    [Fact]
    public void Backend_ChoosesTheWidestAcceleratedVectors()
    {
        var backend = new SimdBackend();
        var shape = new RnnShape(7, 5);
        var expected = Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : VectorWidth.Bits256;

        using var kernel = Assert.IsType<SimdBatchedKernel>(backend.CreateKernel(shape, 4, 2, new PluginSettings([])));
        using var single = Assert.IsType<SimdBatchedSingleKernel>(backend.CreateKernel(shape, 4, 2, new PluginSettings([KeyValuePair.Create("precision", "f32")])));

        Assert.Equal(expected, kernel.Width);
        Assert.Equal(expected, single.Width);
        Assert.Equal("f32", ((IRnnKernel)single).ElementType);
    }

    [Theory]
    [InlineData("f64", 256)]
    [InlineData("f64", 512)]
    [InlineData("f32", 256)]
    [InlineData("f32", 512)]
    public void ForwardBackwardBatch_WarmCall_AllocatesNothing(string precision, int width)
    {
        var shape = new RnnShape(65, 100);
        var runs = new BatchRuns(shape, 8, 25, 3);
        using var kernel = Create(precision, shape, 25, 8, width);
        var hidden = (double[])runs.Hidden.Clone();
        var gradients = new double[shape.ParameterCount];
        kernel.ForwardBackwardBatch(runs.Parameters, 8, runs.Inputs, runs.Targets, hidden, gradients);

        var before = GC.GetAllocatedBytesForCurrentThread();
        kernel.ForwardBackwardBatch(runs.Parameters, 8, runs.Inputs, runs.Targets, hidden, gradients);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    /// <summary>A batched kernel of the simd backend with its widest vectors 256 or 512 bits wide.</summary>
    private static IBatchedRnnKernel Create(string precision, RnnShape shape, int maxSequenceLength, int maxBatchSize, int bits)
    {
        var width = bits == 512 ? VectorWidth.Bits512 : VectorWidth.Bits256;
        return precision == "f32"
            ? new SimdBatchedSingleKernel(shape, maxSequenceLength, maxBatchSize, width)
            : new SimdBatchedKernel(shape, maxSequenceLength, maxBatchSize, width);
    }

    /// <summary>
    /// float64 element by element (<see cref="Agreement.AssertClose(double[], double[], string, double)"/>); float32 relative to the largest
    /// element of each segment, as float32 keeps about seven digits of the largest.
    /// </summary>
    private static void AssertAgree(string precision, RnnShape shape, (double Loss, double[] Hidden, double[] Gradients) expected, (double Loss, double[] Hidden, double[] Gradients) actual, string what)
    {
        var tolerance = precision == "f32" ? Float32Tolerance : Float64Tolerance;
        Assert.True(Math.Abs(expected.Loss - actual.Loss) <= tolerance * Math.Abs(expected.Loss), $"{what} loss: {expected.Loss:R} vs {actual.Loss:R}");
        Check(expected.Hidden, actual.Hidden, "h");
        foreach (var segment in shape.Segments)
        {
            Check(segment.Of(expected.Gradients).ToArray(), segment.Of(actual.Gradients).ToArray(), segment.Name);
        }

        void Check(double[] e, double[] a, string name)
        {
            if (precision == "f64")
            {
                Agreement.AssertClose(e, a, $"{what} {name}");
                return;
            }

            var scale = e.Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (var i = 0; i < e.Length; i++)
            {
                Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * scale, $"{what} {name}[{i}]: {e[i]:R} vs {a[i]:R} (largest {scale:R})");
            }
        }
    }
}
