using static RnnTui.Tests.Models.GatedNetworks;

namespace RnnTui.Tests.Models;

/// <summary>The gated kernels allocate their workspaces once: a training call allocates nothing.</summary>
public sealed class GatedAllocationTests
{
    [Theory]
    [MemberData(nameof(ModelsOnBackends), MemberType = typeof(GatedNetworks))]
    public void ForwardBackward_AfterWarmUp_AllocatesNothing(string model, string backend)
    {
        var shape = Shape(model, 7, 6, 2);
        var random = new Random(3);
        var parameters = Parameters(shape, random);
        var state = State(shape, random);
        var inputs = Characters(10, 7, random);
        var targets = Characters(10, 7, random);
        var gradients = new double[shape.ParameterCount];
        using var kernel = Kernel(model, backend, shape, inputs.Length, dropout: 0.3);
        kernel.ForwardBackward(parameters, inputs, targets, state, gradients);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var call = 0; call < 10; call++)
        {
            kernel.ForwardBackward(parameters, inputs, targets, state, gradients);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
