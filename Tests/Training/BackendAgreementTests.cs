using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;
using static RnnTui.Tests.Training.Agreement;

namespace RnnTui.Tests.Training;

/// <summary>Every backend against the managed reference, on sizes that exercise every vector remainder.</summary>
public sealed class BackendAgreementTests
{

    public static TheoryData<string, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var (k, m) in new[] { (2, 1), (3, 2), (5, 3), (9, 4), (11, 5), (6, 7), (13, 8), (17, 9), (8, 15), (33, 16), (19, 17), (65, 31), (40, 33), (65, 100) })
        {
            foreach (var n in new[] { 1, 2, 5, 25 })
            {
                data.Add("simd", k, m, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackward_AgreesWithManaged(string backend, int k, int m, int n)
    {
        var shape = new RnnShape(k, m);
        var random = new Xoshiro256((ulong)((k * 1000) + (m * 10) + n));
        // Weights of scale 0.5 / sqrt(m) keep the recurrence contracting, so that rounding differences of the order of
        // 1e-16 are compared rather than amplified by a chaotic network.
        var parameters = ParameterInitializer.Create(shape, 0.5 / Math.Sqrt(m), (ulong)(k + m + n));
        for (var i = shape.B.Offset; i < shape.ParameterCount; i++)
        {
            parameters[i] = (random.NextDouble() - 0.5) * 0.2;
        }

        var inputs = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        var targets = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        var h0 = Enumerable.Range(0, m).Select(_ => random.NextDouble() - 0.5).ToArray();
        using var reference = Catalog.Kernel("managed", shape, n);
        using var kernel = Catalog.Kernel(backend, shape, 25);

        var (expectedLoss, expectedH, expected) = BackendRuns.ForwardBackward(reference, parameters, inputs, targets, h0);
        var (loss, h, gradients) = BackendRuns.ForwardBackward(kernel, parameters, inputs, targets, h0);

        AssertClose(expectedLoss, loss, "loss");
        AssertClose(expectedH, h, "h");
        foreach (var segment in shape.Segments)
        {
            AssertClose(segment.Of(expected).ToArray(), segment.Of(gradients).ToArray(), segment.Name);
        }

        var forwardH = (double[])h0.Clone();
        AssertClose(expectedLoss, kernel.Loss(parameters, inputs, targets, forwardH), "Loss()");
        AssertClose(expectedH, forwardH, "Loss() h");
    }

    [Theory]
    [InlineData("simd")]
    public void Training_TwentyUpdates_AgreesWithManaged(string backend)
    {

        var (expectedSmooth, expectedParameters) = BackendRuns.TrainTwentyUpdates("managed");
        var (smooth, parameters) = BackendRuns.TrainTwentyUpdates(backend);

        AssertClose(expectedSmooth, smooth, "smooth loss", 1e-9);
        AssertClose(expectedParameters, parameters, "parameters", 1e-9);
    }
}
