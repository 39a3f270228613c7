using RnnTui.Contracts;

namespace RnnTui.Backends.Managed;

/// <summary>The reference backend: the model written plainly in float64 over MathNet.Numerics dense algebra.</summary>
[Plugin("managed", "Reference float64 backend: plain managed code over MathNet.Numerics dense matrices")]
public sealed class ManagedBackend : IComputeBackend
{
    /// <summary>
    /// Keeps MathNet on the calling thread: at these sizes its parallel loops cost more than they save, and training
    /// owns one thread by design.
    /// </summary>
    public ManagedBackend() => MathNet.Numerics.Control.UseSingleThread();

    /// <inheritdoc />
    public bool IsSupported => true;

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new ManagedKernel(shape, maxSequenceLength);

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, PluginSettings settings) =>
        new ManagedBatchedKernel(shape, maxSequenceLength, maxBatchSize);
}
