using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The gated recurrent unit (Cho et al., 2014): an update gate blends each layer's old state with a candidate that a
/// reset gate lets see only part of it. Layers stack, with inverted dropout between them in training.
/// </summary>
[Plugin("gru", "Gated recurrent unit: update and reset gates, stacked layers (--layers), dropout of layers' outputs (--dropout)")]
public sealed class GruModel : IRecurrentModel
{
    private const string Name = "gru";

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings => GatedSettings.Definitions;

    /// <inheritdoc />
    public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var layers = GatedSettings.ReadLayers(settings);
        // Only the kernel uses the dropout; it is checked here too, so that a bad value is found before any work.
        GatedSettings.ReadDropout(settings);
        return GatedLayout.Create(Name, GruKernel.Gates, biasOneGate: null, vocabularySize, hiddenSize, layers, statePerLayer: hiddenSize);
    }

    /// <inheritdoc />
    public IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) => GatedKernels.Create(Name, shape, request, Kernels.Instance);

    private sealed class Kernels : IGatedKernels
    {
        public static readonly Kernels Instance = new();

        public IRnnKernel CreateReference(RnnShape shape, int maxSequenceLength, double dropout) =>
            new GruKernel(shape, maxSequenceLength, dropout, new ReferenceAlgebra());

        public GatedBatch<T> CreateBatch<T>(RnnShape shape, int maxSequenceLength, int maxBatchSize, double dropout, IMatrixProducts products)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            new GruBatch<T>(shape, maxSequenceLength, maxBatchSize, dropout, products);
    }
}
