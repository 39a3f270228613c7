using RnnTui.Contracts;
using RnnTui.Testing;

namespace MyModel.Tests;

public sealed class MyModelTests
{
    /// <summary>
    /// Everything rnntui relies on: shapes of the sizes asked, a kernel for the managed backend, the gradient check on
    /// several shapes and sequence lengths, Loss and Step consistent with ForwardBackward and a state carried between
    /// calls, the same bits from the same arguments, bad arguments refused, no allocation per update.
    /// </summary>
    [Fact]
    public void PassesRnnTuisConformanceCheck() =>
        Conformance.CheckModel(new MyModelPlugin()).ThrowIfFailed();

    /// <summary>
    /// A network worked by hand: K = 2, m = 1, every parameter 0 except c = (ln 3, 0), so p = (3/4, 1/4) whatever the
    /// input, h stays tanh(0) = 0, and predicting character 1 costs -ln(1/4) = ln 4.
    /// </summary>
    [Fact]
    public void LossOfAnOutputBiasOnlyNetworkIsWorkedByHand()
    {
        var model = new MyModelPlugin();
        var shape = model.CreateShape(vocabularySize: 2, hiddenSize: 1, PluginSettings.Empty);
        var parameters = new double[shape.ParameterCount];
        parameters[shape.Segments.Single(s => s.Name == "c").Offset] = Math.Log(3);
        using var kernel = model.CreateKernel(shape, Request("managed"))!;
        double[] hidden = [0.0];

        var loss = kernel.Loss(parameters, [0], [1], hidden);

        Assert.Equal(Math.Log(4), loss, 12);
        Assert.Equal(0.0, hidden[0]);
    }

    /// <summary>The model has no kernel for another backend, and says so with null, for rnntui to tell the user.</summary>
    [Fact]
    public void NoKernelForAnotherBackend()
    {
        var model = new MyModelPlugin();
        var shape = model.CreateShape(3, 2, PluginSettings.Empty);

        Assert.Null(model.CreateKernel(shape, Request("simd")));
    }

    /// <summary>A request for a kernel on a backend by name; this model never calls the backend itself, so none is passed.</summary>
    private static ModelKernelRequest Request(string backendName) =>
        new(backendName, Backend: null!, MaxSequenceLength: 4, MaxBatchSize: 1, PluginSettings.Empty, PluginSettings.Empty);
}
