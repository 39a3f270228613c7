using System.Numerics;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The fast backend: the same model as the managed reference, written with vectors and fused multiply-adds, every
/// workspace allocated once per kernel. Its <c>precision</c> setting picks float64 (the exact algorithm, the default)
/// or float32: twice the lanes per vector and half the bytes per matrix, at float32's precision (gradients agree with
/// float64 to about 1e-4 relative); parameters, optimizer state and checkpoints stay float64 in the host.
/// </summary>
[Plugin("simd", "Fast backend: vectorized, fused BPTT loops, no allocation per update; --precision f64 or f32")]
public sealed class SimdBackend : IComputeBackend, IMatrixProducts
{
    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Choice("precision", "f64", "what the kernels compute in: f64, or f32 for speed at float32's precision", "f64", "f32") with { Option = "precision", ValueName = "TYPE" },
    ];

    /// <inheritdoc />
    public bool IsSupported => true;

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdKernel(shape, maxSequenceLength);

    /// <inheritdoc />
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, PluginSettings settings) =>
        settings.GetText("precision", "f64") == "f32" ? new SimdSingleKernel(shape, maxSequenceLength) : new SimdKernel(shape, maxSequenceLength);

    /// <inheritdoc />
    /// <remarks>The batched products use 512-bit vectors where the processor accelerates them, else 256-bit ones.</remarks>
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, PluginSettings settings) =>
        settings.GetText("precision", "f64") == "f32"
            ? new SimdBatchedSingleKernel(shape, maxSequenceLength, maxBatchSize)
            : new SimdBatchedKernel(shape, maxSequenceLength, maxBatchSize);

    /// <inheritdoc />
    /// <remarks>At the widest vectors the processor accelerates, 512-bit or 256-bit, as the batched kernels.</remarks>
    public void Multiply<T>(ReadOnlySpan<T> a, int aRow, int aInner, ReadOnlySpan<T> x, int xRow, Span<T> c, int cRow, int rows, int columns, int inner, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelArguments.CheckProduct(a.Length, aRow, aInner, x.Length, xRow, c.Length, cRow, rows, columns, inner);
        MatrixProduct.Multiply(SimdBatchedKernel.WidestVectors, a, aRow, aInner, x, xRow, c, cRow, rows, columns, inner, add);
    }
}
