using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>The forward passes of the gated kernels against one another: Loss, ForwardBackward and Step.</summary>
public sealed class GatedForwardTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var model in ModelNames)
        {
            foreach (var backend in BackendNames)
            {
                foreach (var layers in new[] { 1, 3 })
                {
                    data.Add(model, backend, layers);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_WithoutDropout_EqualsForwardBackwardLossAndState(string model, string backend, int layers)
    {
        var (shape, parameters, start, inputs, targets) = Network(model, layers, 12);
        using var kernel = Kernel(model, backend, shape, inputs.Length);

        var (expectedLoss, expectedState, _) = ForwardBackward(kernel, parameters, inputs, targets, start);
        var state = (double[])start.Clone();
        var loss = kernel.Loss(parameters, inputs, targets, state);

        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expectedState, state);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_StateCarriedAcrossTwoCalls_EqualsOneCallOverTheJoinedSequence(string model, string backend, int layers)
    {
        var (shape, parameters, start, inputs, targets) = Network(model, layers, 12);
        using var kernel = Kernel(model, backend, shape, inputs.Length);

        var whole = (double[])start.Clone();
        var expected = kernel.Loss(parameters, inputs, targets, whole);
        var carried = (double[])start.Clone();
        var first = kernel.Loss(parameters, inputs[..5], targets[..5], carried);
        var second = kernel.Loss(parameters, inputs[5..], targets[5..], carried);

        Assert.Equal(expected, first + second, 12);
        Assert.Equal(whole, carried);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_LossOfEachCharacter_SumsToLoss(string model, string backend, int layers)
    {
        var (shape, parameters, start, inputs, targets) = Network(model, layers, 12);
        using var kernel = Kernel(model, backend, shape, inputs.Length);

        var state = (double[])start.Clone();
        var expected = kernel.Loss(parameters, inputs, targets, state);
        var stepped = (double[])start.Clone();
        var scores = new double[shape.VocabularySize];
        var sum = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            kernel.Step(parameters, inputs[t], stepped, scores);
            var max = scores.Max();
            var logSumExp = max + Math.Log(scores.Sum(s => Math.Exp(s - max)));
            sum += logSumExp - scores[targets[t]];
        }

        Assert.True(Math.Abs(expected - sum) <= 1e-10 * Math.Abs(expected), $"Loss {expected:R}, Step {sum:R}");
        Assert.Equal(state, stepped, (a, b) => Math.Abs(a - b) <= 1e-12);
    }

    private static (Contracts.RnnShape Shape, double[] Parameters, double[] Start, int[] Inputs, int[] Targets) Network(string model, int layers, int n)
    {
        var shape = Shape(model, 6, 5, layers);
        var random = new Random(17 + layers);
        return (shape, Parameters(shape, random), State(shape, random), Characters(n, 6, random), Characters(n, 6, random));
    }
}
