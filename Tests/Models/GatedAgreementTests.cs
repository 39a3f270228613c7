using static RnnTui.Tests.Models.GatedNetworks;
using static RnnTui.Tests.Training.Agreement;

namespace RnnTui.Tests.Models;

/// <summary>The TensorPrimitives kernel of each gated model against its plain reference kernel.</summary>
public sealed class GatedAgreementTests
{
    public static TheoryData<string, int, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int, int>();
        foreach (var model in ModelNames)
        {
            foreach (var (k, m, layers, n) in new[] { (3, 1, 1, 1), (7, 5, 1, 9), (11, 17, 1, 25), (5, 4, 3, 6), (9, 13, 3, 20) })
            {
                data.Add(model, k, m, layers, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SimdKernel_AgreesWithManaged(string model, int k, int m, int layers, int n)
    {
        var shape = Shape(model, k, m, layers);
        var random = new Random((k * 1000) + (m * 100) + (layers * 10) + n);
        var parameters = Parameters(shape, random, 0.5 / Math.Sqrt(m));
        var start = State(shape, random);
        var inputs = Characters(n, k, random);
        var targets = Characters(n, k, random);
        using var reference = Kernel(model, "managed", shape, n);
        using var simd = Kernel(model, "simd", shape, 25);

        var (expectedLoss, expectedState, expectedGradients) = ForwardBackward(reference, parameters, inputs, targets, start);
        var (loss, state, gradients) = ForwardBackward(simd, parameters, inputs, targets, start);

        AssertClose(expectedLoss, loss, "loss");
        AssertClose(expectedState, state, "state");
        foreach (var segment in shape.Segments)
        {
            AssertClose(segment.Of(expectedGradients).ToArray(), segment.Of(gradients).ToArray(), $"d{segment.Name}");
        }

        var expectedHidden = (double[])start.Clone();
        var hidden = (double[])start.Clone();
        var expectedScores = new double[k];
        var scores = new double[k];
        foreach (var input in inputs)
        {
            reference.Step(parameters, input, expectedHidden, expectedScores);
            simd.Step(parameters, input, hidden, scores);
            AssertClose(expectedScores, scores, "Step scores");
            AssertClose(expectedHidden, hidden, "Step state");
        }
    }
}
