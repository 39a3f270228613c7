using RnnTui.Testing;
using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>Every gradient element of both gated models on both kernels against centred differences of the loss.</summary>
public sealed class GatedGradientTests
{
    public static TheoryData<string, string, int, int, int, int> Cases()
    {
        var data = new TheoryData<string, string, int, int, int, int>();
        foreach (var model in ModelNames)
        {
            foreach (var backend in BackendNames)
            {
                foreach (var (k, m, layers, n) in new[] { (4, 3, 1, 1), (5, 4, 1, 7), (6, 3, 2, 5), (4, 5, 3, 4) })
                {
                    data.Add(model, backend, k, m, layers, n);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientCheck_EveryElement_MaxRelativeErrorBelow1e5(string model, string backend, int k, int m, int layers, int n)
    {
        var shape = Shape(model, k, m, layers);
        var random = new Random((k * 1000) + (m * 100) + (layers * 10) + n);
        var parameters = Parameters(shape, random);
        var start = State(shape, random);
        var inputs = Characters(n, k, random);
        var targets = Characters(n, k, random);
        using var kernel = Kernel(model, backend, shape, n);

        var (_, _, analytic) = ForwardBackward(kernel, parameters, inputs, targets, start);
        var state = new double[shape.StateSize];
        var (error, where) = CentredGradient.Worst(shape, parameters, analytic, theta =>
        {
            start.CopyTo(state, 0);
            return kernel.Loss(theta, inputs, targets, state);
        });

        Assert.True(error < CentredGradient.Tolerance, $"{model} on {backend}: worst relative error {error:E2} at {where}");
    }
}
