using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The parameter layout of a gated network: layer by layer, gate by gate, each gate's input weights U, recurrent
/// weights W and bias b; then the output weights V and bias c. Layer 1's U is stored by column, so that a character's
/// column is contiguous (the input is one-hot); every other matrix is stored by row.
/// </summary>
internal static class GatedLayout
{
    /// <summary>Makes the shape of a gated model.</summary>
    /// <param name="model">The model's name, e.g. <c>lstm</c>.</param>
    /// <param name="gates">One letter per gate, in buffer order, e.g. <c>ifog</c>.</param>
    /// <param name="biasOneGate">The gate whose bias starts at one (the LSTM's forget gate), or null for none.</param>
    /// <param name="vocabularySize">K.</param>
    /// <param name="hiddenSize">m, the units of each layer.</param>
    /// <param name="layers">L.</param>
    /// <param name="statePerLayer">The state one layer carries: m for h alone, 2m for h and a cell.</param>
    public static RnnShape Create(string model, string gates, char? biasOneGate, int vocabularySize, int hiddenSize, int layers, int statePerLayer)
    {
        var segments = new List<ParameterSegment>((layers * gates.Length * 3) + 2);
        var offset = 0;
        void Add(string name, int rows, int columns, SegmentInit init)
        {
            segments.Add(new ParameterSegment(name, offset, rows, columns) { Init = init });
            offset += rows * columns;
        }

        for (var layer = 1; layer <= layers; layer++)
        {
            var suffix = layers > 1 ? layer.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            foreach (var gate in gates)
            {
                Add($"U{gate}{suffix}", hiddenSize, layer == 1 ? vocabularySize : hiddenSize, SegmentInit.Weights);
                Add($"W{gate}{suffix}", hiddenSize, hiddenSize, SegmentInit.Recurrent);
                Add($"b{gate}{suffix}", hiddenSize, 1, gate == biasOneGate ? SegmentInit.One : SegmentInit.Zero);
            }
        }

        Add("V", vocabularySize, hiddenSize, SegmentInit.Weights);
        Add("c", vocabularySize, 1, SegmentInit.Zero);
        return new RnnShape(vocabularySize, hiddenSize, model, layers, layers * statePerLayer, segments);
    }
}

/// <summary>
/// A shape's segments in the gated layout, by role, for the kernels: each gate's U, W and b by the index
/// layer G + gate, then V and c. Checks that the shape is a layout of <c>gateCount</c> gates per layer.
/// </summary>
internal sealed class GatedSegments
{
    private readonly IReadOnlyList<ParameterSegment> _segments;

    public GatedSegments(RnnShape shape, int gateCount, int statePerLayer)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _segments = shape.Segments;
        if (_segments.Count != (shape.Layers * gateCount * 3) + 2 || shape.StateSize != shape.Layers * statePerLayer)
        {
            throw new ArgumentException($"the shape {shape} is not a layout of {gateCount} gates per layer", nameof(shape));
        }
    }

    /// <summary>A gate's input weights U (layer G + gate).</summary>
    public ParameterSegment Input(int index) => _segments[3 * index];

    /// <summary>A gate's recurrent weights W.</summary>
    public ParameterSegment Recurrent(int index) => _segments[(3 * index) + 1];

    /// <summary>A gate's bias b.</summary>
    public ParameterSegment Bias(int index) => _segments[(3 * index) + 2];

    /// <summary>The output weights V.</summary>
    public ParameterSegment OutputWeights => _segments[^2];

    /// <summary>The output bias c.</summary>
    public ParameterSegment OutputBias => _segments[^1];
}
