using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The fast backend: the same model as the managed reference, written with vectors and fused multiply-adds, every
/// workspace allocated once per kernel. Its <c>precision</c> setting picks float64 (the exact algorithm, the default)
/// or float32: twice the lanes per vector and half the bytes per matrix, at float32's precision (gradients agree with
/// float64 to about 1e-4 relative); parameters, optimizer state and checkpoints stay float64 in the host.
/// </summary>
[Plugin("simd", "Fast backend: vectorized, fused BPTT loops, no allocation per update; --precision f64 or f32")]
public sealed class SimdBackend : IComputeBackend
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
}
