using RnnTui.Contracts;
using RnnTui.Testing;

namespace MyBackend.Tests;

public sealed class MyBackendTests
{
    /// <summary>
    /// Everything rnntui relies on: the gradient check on several shapes and sequence lengths, agreement with the
    /// reference backend, Loss and Step consistent with ForwardBackward, no allocation per update; and, when the backend
    /// has batched kernels (IBatchedRnnKernel), ForwardBackwardBatch against one ForwardBackward per sequence, its
    /// gradient check, its argument checks and no allocation per call.
    /// </summary>
    [Fact]
    public void PassesRnnTuisConformanceCheck() =>
        Conformance.CheckBackend(new MyBackendPlugin()).ThrowIfFailed();

    /// <summary>
    /// A network worked by hand: K = 2, m = 1, every weight 0 except c = (ln 3, 0), so p = (3/4, 1/4) whatever the
    /// input, h stays tanh(0) = 0, and predicting character 1 costs -ln(1/4) = ln 4.
    /// </summary>
    [Fact]
    public void LossOfAnOutputBiasOnlyNetworkIsWorkedByHand()
    {
        var shape = new RnnShape(vocabularySize: 2, hiddenSize: 1);
        var parameters = new double[shape.ParameterCount];
        parameters[shape.C.Offset] = Math.Log(3);
        using var kernel = new MyBackendPlugin().CreateKernel(shape, maxSequenceLength: 4);
        double[] hidden = [0.0];

        var loss = kernel.Loss(parameters, [0], [1], hidden);

        Assert.Equal(Math.Log(4), loss, 12);
        Assert.Equal(0.0, hidden[0]);
    }
}
