using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The long short-term memory (Hochreiter and Schmidhuber, 1997, with a forget gate): each layer carries a cell that
/// input, forget and output gates write, keep and read. Layers stack, with inverted dropout between them in training.
/// </summary>
[Plugin("lstm", "Long short-term memory: gated cells, stacked layers (--layers), dropout of layers' outputs (--dropout)")]
public sealed class LstmModel : IRecurrentModel
{
    private const string Name = "lstm";

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings => GatedSettings.Definitions;

    /// <inheritdoc />
    public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var layers = GatedSettings.ReadLayers(settings);
        // Only the kernel uses the dropout; it is checked here too, so that a bad value is found before any work.
        GatedSettings.ReadDropout(settings);
        return GatedLayout.Create(Name, LstmKernel.Gates, LstmKernel.ForgetGate, vocabularySize, hiddenSize, layers, statePerLayer: 2 * hiddenSize);
    }

    /// <inheritdoc />
    public IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) => GatedKernels.Create(Name, shape, request, Kernels.Instance);

    private sealed class Kernels : IGatedKernels
    {
        public static readonly Kernels Instance = new();

        public IRnnKernel CreateReference(RnnShape shape, int maxSequenceLength, double dropout) =>
            new LstmKernel(shape, maxSequenceLength, dropout, new ReferenceAlgebra());

        public GatedBatch<T> CreateBatch<T>(RnnShape shape, int maxSequenceLength, int maxBatchSize, double dropout, IMatrixProducts products)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            new LstmBatch<T>(shape, maxSequenceLength, maxBatchSize, dropout, products);
    }
}
