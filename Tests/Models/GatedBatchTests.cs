using RnnTui.Contracts;
using RnnTui.Tests.Training;
using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>
/// The gated models' batched simd kernels: a batch of B sequences gives what the managed reference gives for each
/// sequence alone, gradients summed, in float64 and float32; dropout repeats from a seed; nothing is allocated.
/// </summary>
public sealed class GatedBatchTests
{
    public static TheoryData<string, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int, int, int>();
        foreach (var model in ModelNames)
        {
            foreach (var (k, m, layers, n, batch) in new[] { (5, 4, 1, 7, 1), (7, 5, 1, 9, 2), (11, 17, 1, 25, 3), (5, 4, 3, 6, 8), (9, 13, 2, 20, 3), (4, 33, 2, 5, 32) })
            {
                data.Add(model, k, m, layers, n, batch);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackwardBatch_Float64_AgreesWithManagedSequenceBySequence(string model, int k, int m, int layers, int n, int batch) =>
        AssertAgrees(model, k, m, layers, n, batch, "f64", (expected, actual, what) => Agreement.AssertClose(expected, actual, what));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackwardBatch_Float32_AgreesWithManagedWithinFloat32(string model, int k, int m, int layers, int n, int batch) =>
        AssertAgrees(model, k, m, layers, n, batch, "f32", WithinFloat32);

    [Theory]
    [InlineData("gru", "f64")]
    [InlineData("lstm", "f64")]
    [InlineData("gru", "f32")]
    [InlineData("lstm", "f32")]
    public void ForwardBackwardBatch_WithDropout_RepeatsFromASeedAndChangesWithIt(string model, string precision)
    {
        var shape = Shape(model, 6, 5, 3);
        var random = new Random(17);
        var parameters = Parameters(shape, random);
        var (batch, n) = (4, 8);
        var start = Enumerable.Range(0, batch).SelectMany(_ => State(shape, random)).ToArray();
        var inputs = Characters(batch * n, 6, random);
        var targets = Characters(batch * n, 6, random);
        using var kernel = BatchedKernel(model, shape, n, batch, precision, dropout: 0.4);
        using var twin = BatchedKernel(model, shape, n, batch, precision, dropout: 0.4);
        using var plain = BatchedKernel(model, shape, n, batch, precision);

        var first = Run(kernel, 7, parameters, batch, inputs, targets, start);
        var again = Run(twin, 7, parameters, batch, inputs, targets, start);
        var other = Run(kernel, 8, parameters, batch, inputs, targets, start);
        var none = Run(plain, 7, parameters, batch, inputs, targets, start);

        Assert.Equal(first.Loss, again.Loss);
        Assert.Equal(first.Gradients, again.Gradients);
        Assert.Equal(first.State, again.State);
        Assert.NotEqual(first.Loss, other.Loss);
        Assert.NotEqual(first.Loss, none.Loss);
    }

    [Theory]
    [InlineData("gru", "f64")]
    [InlineData("lstm", "f64")]
    [InlineData("gru", "f32")]
    [InlineData("lstm", "f32")]
    public void EveryCall_AfterWarmUp_AllocatesNothing(string model, string precision)
    {
        var shape = Shape(model, 7, 6, 2);
        var random = new Random(3);
        var parameters = Parameters(shape, random);
        var (batch, n) = (3, 10);
        var states = Enumerable.Range(0, batch).SelectMany(_ => State(shape, random)).ToArray();
        var inputs = Characters(batch * n, 7, random);
        var targets = Characters(batch * n, 7, random);
        var gradients = new double[shape.ParameterCount];
        var scores = new double[7];
        using var kernel = BatchedKernel(model, shape, n, batch, precision, dropout: 0.3);
        void Calls()
        {
            ((IDropoutKernel)kernel).BeginUpdate(5);
            kernel.ForwardBackwardBatch(parameters, batch, inputs, targets, states, gradients);
            kernel.ForwardBackward(parameters, inputs.AsSpan(0, n), targets.AsSpan(0, n), states.AsSpan(0, shape.StateSize), gradients);
            kernel.Loss(parameters, inputs.AsSpan(0, n), targets.AsSpan(0, n), states.AsSpan(0, shape.StateSize));
            kernel.Step(parameters, inputs[0], states.AsSpan(0, shape.StateSize), scores);
        }

        Calls();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var call = 0; call < 10; call++)
        {
            Calls();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ForwardBackwardBatch_TooLargeABatch_IsRefused()
    {
        var shape = Shape("lstm", 5, 4, 1);
        using var kernel = BatchedKernel("lstm", shape, 3, 2);
        var parameters = new double[shape.ParameterCount];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            kernel.ForwardBackwardBatch(parameters, 3, new int[9], new int[9], new double[3 * shape.StateSize], new double[shape.ParameterCount]));

        Assert.Equal("batchSize", error.ParamName);
    }

    /// <summary>float32 against float64: every element within 1e-4 of the largest one.</summary>
    private static void WithinFloat32(double[] expected, double[] actual, string what)
    {
        var largest = expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * largest, $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R} (largest {largest:R})");
        }
    }

    private static void AssertAgrees(string model, int k, int m, int layers, int n, int batch, string precision, Action<double[], double[], string> assertClose)
    {
        var shape = Shape(model, k, m, layers);
        var random = new Random((k * 1000) + (m * 100) + (layers * 10) + n + batch);
        var parameters = Parameters(shape, random, 0.5 / Math.Sqrt(m));
        var start = Enumerable.Range(0, batch).SelectMany(_ => State(shape, random)).ToArray();
        var inputs = Characters(batch * n, k, random);
        var targets = Characters(batch * n, k, random);
        using var reference = Kernel(model, "managed", shape, n);
        using var batched = BatchedKernel(model, shape, n, batch, precision);

        var expectedState = (double[])start.Clone();
        var expectedGradients = new double[shape.ParameterCount];
        var gradients = new double[shape.ParameterCount];
        var expectedLoss = 0.0;
        for (var b = 0; b < batch; b++)
        {
            expectedLoss += reference.ForwardBackward(parameters, inputs.AsSpan(b * n, n), targets.AsSpan(b * n, n), expectedState.AsSpan(b * shape.StateSize, shape.StateSize), gradients);
            for (var i = 0; i < gradients.Length; i++)
            {
                expectedGradients[i] += gradients[i];
            }
        }

        var (loss, state, summed) = Run(batched, 0, parameters, batch, inputs, targets, start);

        Assert.Equal(precision, batched.ElementType);
        assertClose([expectedLoss], [loss], "loss");
        assertClose(expectedState, state, "states");
        foreach (var segment in shape.Segments)
        {
            assertClose(segment.Of(expectedGradients).ToArray(), segment.Of(summed).ToArray(), $"d{segment.Name}");
        }
    }

    private static (double Loss, double[] State, double[] Gradients) Run(IBatchedRnnKernel kernel, ulong seed, double[] parameters, int batch, int[] inputs, int[] targets, double[] start)
    {
        var state = (double[])start.Clone();
        var gradients = new double[parameters.Length];
        Array.Fill(gradients, double.NaN);
        ((IDropoutKernel)kernel).BeginUpdate(seed);
        var loss = kernel.ForwardBackwardBatch(parameters, batch, inputs, targets, state, gradients);
        return (loss, state, gradients);
    }
}
