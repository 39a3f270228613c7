using RnnTui.Contracts;
using RnnTui.Testing;
using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>Dropout of layers' outputs: masks from the update's seed, none in Loss, and a gradient true to the masks drawn.</summary>
public sealed class GatedDropoutTests
{
    private const double Dropout = 0.5;

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void ForwardBackward_SameSeed_BitIdenticalOnTwoKernels(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var first = Kernel(model, backend, shape, inputs.Length, Dropout);
        using var second = Kernel(model, backend, shape, inputs.Length, Dropout);

        ((IDropoutKernel)first).BeginUpdate(42);
        var (expectedLoss, expectedState, expectedGradients) = ForwardBackward(first, parameters, inputs, targets, start);
        ((IDropoutKernel)second).BeginUpdate(42);
        var (loss, state, gradients) = ForwardBackward(second, parameters, inputs, targets, start);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expectedLoss), BitConverter.DoubleToInt64Bits(loss));
        Assert.Equal(expectedState, state);
        Assert.Equal(expectedGradients, gradients);
    }

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void ForwardBackward_DifferentSeed_DifferentLoss(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var kernel = Kernel(model, backend, shape, inputs.Length, Dropout);

        ((IDropoutKernel)kernel).BeginUpdate(42);
        var (first, _, _) = ForwardBackward(kernel, parameters, inputs, targets, start);
        ((IDropoutKernel)kernel).BeginUpdate(43);
        var (second, _, _) = ForwardBackward(kernel, parameters, inputs, targets, start);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void Loss_WithDropout_IsThePlainModel(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var dropping = Kernel(model, backend, shape, inputs.Length, Dropout);
        using var plain = Kernel(model, backend, shape, inputs.Length);

        ((IDropoutKernel)dropping).BeginUpdate(7);
        var state = (double[])start.Clone();
        var loss = dropping.Loss(parameters, inputs, targets, state);
        var expectedState = (double[])start.Clone();
        var expected = plain.Loss(parameters, inputs, targets, expectedState);

        Assert.Equal(expected, loss);
        Assert.Equal(expectedState, state);

        var expectedScores = new double[shape.VocabularySize];
        var scores = new double[shape.VocabularySize];
        start.CopyTo(expectedState, 0);
        start.CopyTo(state, 0);
        foreach (var input in inputs)
        {
            plain.Step(parameters, input, expectedState, expectedScores);
            dropping.Step(parameters, input, state, scores);
            Assert.Equal(expectedScores, scores);
        }
    }

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void ForwardBackward_BeforeAnyBeginUpdate_DrawsFromSeedZero(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var fresh = Kernel(model, backend, shape, inputs.Length, Dropout);
        using var seeded = Kernel(model, backend, shape, inputs.Length, Dropout);

        var (expectedLoss, _, expectedGradients) = ForwardBackward(fresh, parameters, inputs, targets, start);
        ((IDropoutKernel)seeded).BeginUpdate(0);
        var (loss, _, gradients) = ForwardBackward(seeded, parameters, inputs, targets, start);

        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expectedGradients, gradients);
    }

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void ForwardBackward_WithDropout_DiffersFromThePlainModel(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var dropping = Kernel(model, backend, shape, inputs.Length, Dropout);
        using var plain = Kernel(model, backend, shape, inputs.Length);

        ((IDropoutKernel)dropping).BeginUpdate(11);
        var (loss, _, _) = ForwardBackward(dropping, parameters, inputs, targets, start);
        var (expected, _, _) = ForwardBackward(plain, parameters, inputs, targets, start);

        Assert.NotEqual(expected, loss);
    }

    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void GradientCheck_WithTheSameMasks_MaxRelativeErrorBelow1e5(string model, string backend)
    {
        var (shape, parameters, start, inputs, targets) = Network(model);
        using var kernel = Kernel(model, backend, shape, inputs.Length, Dropout);
        var dropout = (IDropoutKernel)kernel;

        dropout.BeginUpdate(5);
        var (_, _, analytic) = ForwardBackward(kernel, parameters, inputs, targets, start);
        var state = new double[shape.StateSize];
        var scratch = new double[shape.ParameterCount];
        var (error, where) = CentredGradient.Worst(shape, parameters, analytic, theta =>
        {
            // The same seed draws the same masks, so the loss is a function of the parameters alone.
            dropout.BeginUpdate(5);
            start.CopyTo(state, 0);
            return kernel.ForwardBackward(theta, inputs, targets, state, scratch);
        });

        Assert.True(error < CentredGradient.Tolerance, $"{model} on {backend} with dropout: worst relative error {error:E2} at {where}");
    }

    private static (RnnShape Shape, double[] Parameters, double[] Start, int[] Inputs, int[] Targets) Network(string model)
    {
        var shape = Shape(model, 5, 4, 2);
        var random = new Random(2024);
        return (shape, Parameters(shape, random), State(shape, random), Characters(6, 5, random), Characters(6, 5, random));
    }
}
