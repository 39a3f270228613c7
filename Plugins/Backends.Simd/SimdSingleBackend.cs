using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The SIMD backend computing in float32: twice the lanes per vector and half the bytes per matrix, for speed, at
/// float32's precision (gradients agree with float64 to about 1e-4 relative). Parameters, optimizer state and
/// checkpoints stay float64 in the host.
/// </summary>
[Plugin("simd-f32", "The SIMD backend in float32: faster, gradients to about 1e-4; the host keeps float64 parameters")]
public sealed class SimdSingleBackend : IComputeBackend
{
    /// <inheritdoc />
    public bool IsSupported => true;

    /// <inheritdoc />
    public string ElementType => "f32";

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdSingleKernel(shape, maxSequenceLength);
}
