using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The fast float64 backend: the same model as the managed reference, written with 256-bit vectors and fused
/// multiply-adds, every workspace allocated once per kernel.
/// </summary>
[Plugin("simd", "Fast float64 backend: vectorized, fused BPTT loops, no allocation per update")]
public sealed class SimdBackend : IComputeBackend
{
    /// <inheritdoc />
    public bool IsSupported => true;

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdKernel(shape, maxSequenceLength);
}
