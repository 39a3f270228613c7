using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>
/// The simd backend at precision f32 against the float64 reference. Its gradients are float32's, good to about 1e-4 relative, so
/// it is judged by agreement with float64 rather than by the gradient check, whose centred differences need float64.
/// </summary>
public sealed class SingleBackendTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int, int> Cases()
    {
        // Every remainder of eight float32 lanes in m, and of the 128-bit half step.
        var data = new TheoryData<int, int, int>();
        foreach (var (k, m) in new[] { (2, 1), (3, 2), (5, 3), (11, 5), (9, 6), (6, 7), (13, 8), (17, 9), (8, 12), (8, 15), (33, 16), (19, 17), (40, 20), (10, 30), (65, 31), (40, 33), (65, 100) })
        {
            foreach (var n in new[] { 1, 2, 25 })
            {
                data.Add(k, m, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackward_AgreesWithFloat64ToFloat32Precision(int k, int m, int n)
    {
        var shape = new RnnShape(k, m);
        var random = new Xoshiro256((ulong)((k * 1000) + (m * 10) + n));
        var parameters = ParameterInitializer.Create(shape, 0.5 / Math.Sqrt(m), (ulong)(k + m + n));
        var inputs = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        var targets = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        var h0 = Enumerable.Range(0, m).Select(_ => random.NextDouble() - 0.5).ToArray();
        using var reference = Catalog.Kernel("managed", shape, n);
        using var kernel = Catalog.Kernel("simd", shape, 25, ("precision", "f32"));

        var (expectedLoss, expectedH, expected) = BackendRuns.ForwardBackward(reference, parameters, inputs, targets, h0);
        var (loss, h, gradients) = BackendRuns.ForwardBackward(kernel, parameters, inputs, targets, h0);

        Assert.Equal(expectedLoss, loss, expectedLoss * Tolerance);
        AssertNear(expectedH, h, "h");
        foreach (var segment in shape.Segments)
        {
            AssertNear(segment.Of(expected).ToArray(), segment.Of(gradients).ToArray(), segment.Name);
        }

        var forwardH = (double[])h0.Clone();
        Assert.Equal(loss, kernel.Loss(parameters, inputs, targets, forwardH));
        Assert.Equal(h, forwardH);
    }

    [Fact]
    public void Training_TwentyUpdates_StaysWithinFloat32PrecisionOfFloat64()
    {

        var (expectedSmooth, expectedParameters) = BackendRuns.TrainTwentyUpdates("simd");
        var (smooth, parameters) = BackendRuns.TrainTwentyUpdates("simd", "--precision", "f32");

        Assert.Equal(expectedSmooth, smooth, expectedSmooth * Tolerance);

        // AdaGrad's first steps are eta * sign(g) for every element, so an element whose tiny gradient has the other
        // sign in float32 moves the other way: the parameters are compared as a whole.
        var difference = Math.Sqrt(expectedParameters.Zip(parameters, (a, b) => (a - b) * (a - b)).Average());
        var size = Math.Sqrt(expectedParameters.Average(a => a * a));
        Assert.True(difference < 1e-2 * size, $"RMS difference {difference:R}, RMS of the parameters {size:R}");
        Assert.True(difference > 0);  // it really computes in float32
    }

    [Fact]
    public void Step_MatchesTheScoresOfFloat64ToFloat32Precision()
    {
        var text = Vocabulary.Of(TestData.SmallCorpus);
        var shape = new RnnShape(text.Count, 100);
        var parameters = ParameterInitializer.Create(shape, 0.1, seed: 5);
        using var reference = Catalog.Kernel("simd", shape, 25);
        using var kernel = Catalog.Kernel("simd", shape, 25, ("precision", "f32"));
        double[] h64 = new double[100], h32 = new double[100], s64 = new double[text.Count], s32 = new double[text.Count];
        foreach (var c in text.Encode("The lanterns were lit."))
        {
            reference.Step(parameters, c, h64, s64);
            kernel.Step(parameters, c, h32, s32);
        }

        AssertNear(h64, h32, "h");
        AssertNear(s64, s32, "scores");
    }


    /// <summary>Element by element, relative to the largest element: float32 keeps about seven digits of the largest.</summary>
    private static void AssertNear(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * scale, $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R} (largest {scale:R})");
        }
    }
}
