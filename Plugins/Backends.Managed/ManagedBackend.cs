using RnnTui.Contracts;

namespace RnnTui.Backends.Managed;

/// <summary>The reference backend: the model written plainly in float64 over MathNet.Numerics dense algebra.</summary>
[Plugin("managed", "Reference float64 backend: plain managed code over MathNet.Numerics dense matrices")]
public sealed class ManagedBackend : IComputeBackend
{
    /// <inheritdoc />
    public bool IsSupported => true;

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new ManagedKernel(shape, maxSequenceLength);
}
