using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// What the GRU and LSTM kernels share: the argument checks, the stack of layers with dropout between them, the
/// softmax output, the loop of back-propagation through time, and the workspaces, all allocated here once. A model
/// writes one layer's step forward and back (<see cref="LayerForward"/>, <see cref="LayerBackward"/>) in the
/// operations of <see cref="ReferenceAlgebra"/>. These are the reference kernels, one sequence at a time, in plain
/// loops; the fast kernels are <see cref="GatedBatch{T}"/>'s.
/// </summary>
/// <remarks>
/// The state of a sequence (<c>hidden</c>) holds each layer's part one after another, h first (and then a cell, for a
/// model whose layers carry one). The forward pass keeps the state before the first step and after every step, each
/// gate's activation at every step, and the inputs of layers 2 and up after dropout, for the backward pass.
/// </remarks>
internal abstract class GatedKernel : IRnnKernel, IDropoutKernel
{
    private readonly int _gateCount;
    private readonly int _statePerLayer;
    private readonly double _dropout;
    private readonly GatedSegments _segments;
    private readonly double[] _states;
    private readonly double[] _gates;
    private readonly double[] _masks;
    private readonly double[] _droppedInputs;
    private readonly double[] _outputMasks;
    private readonly double[] _droppedOutputs;
    private readonly double[] _probabilities;
    private readonly double[] _stateGradient;
    private readonly double[] _gateGradients;
    private readonly double[] _fromAbove;
    private readonly double[] _scratchA;
    private readonly double[] _scratchB;
    private MaskGenerator _generator;
    private bool _dropping;

    /// <summary>Checks the shape against the model's layout and allocates every workspace.</summary>
    /// <param name="shape">The network's shape, made by the model.</param>
    /// <param name="maxSequenceLength">The longest sequence accepted.</param>
    /// <param name="gateCount">The gates of one layer (3 for a GRU, 4 for an LSTM).</param>
    /// <param name="statePerLayer">The state one layer carries: m, or 2m with a cell.</param>
    /// <param name="dropout">The probability of dropping a unit of a layer's output (the input of the layer above, or the output's) in training; 0 for none.</param>
    /// <param name="algebra">The operations the math runs on.</param>
    protected GatedKernel(RnnShape shape, int maxSequenceLength, int gateCount, int statePerLayer, double dropout, ReferenceAlgebra algebra)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        var layers = shape.Layers;
        _segments = new GatedSegments(shape, gateCount, statePerLayer);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        Algebra = algebra;
        M = shape.HiddenSize;
        Layers = layers;
        _gateCount = gateCount;
        _statePerLayer = statePerLayer;
        _dropout = dropout;

        var k = shape.VocabularySize;
        _states = new double[(maxSequenceLength + 1) * shape.StateSize];
        _gates = new double[maxSequenceLength * layers * gateCount * M];
        _masks = NewPerStep();
        _droppedInputs = NewPerStep();
        _outputMasks = new double[maxSequenceLength * M];
        _droppedOutputs = new double[maxSequenceLength * M];
        _probabilities = new double[maxSequenceLength * k];
        _stateGradient = new double[shape.StateSize];
        _gateGradients = new double[gateCount * M];
        _fromAbove = new double[M];
        _scratchA = new double[M];
        _scratchB = new double[M];
    }

    /// <inheritdoc />
    public RnnShape Shape { get; }

    /// <inheritdoc />
    public int MaxSequenceLength { get; }

    /// <inheritdoc />
    public string ElementType => "f64";

    /// <summary>m, the units of each layer.</summary>
    protected int M { get; }

    /// <summary>L, the layers stacked.</summary>
    protected int Layers { get; }

    /// <summary>The operations the math runs on.</summary>
    protected ReferenceAlgebra Algebra { get; }

    /// <summary>A scratch vector of m for a layer's backward step.</summary>
    protected Span<double> ScratchA => _scratchA;

    /// <summary>A second scratch vector of m.</summary>
    protected Span<double> ScratchB => _scratchB;

    /// <inheritdoc />
    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);
        var loss = Forward(parameters, inputs, targets, hidden, dropping: _dropout > 0);
        Backward(parameters, inputs, targets, gradients);
        return loss;
    }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        return Forward(parameters, inputs, targets, hidden, dropping: false);
    }

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        _dropping = false;
        hidden.CopyTo(State(0));
        Advance(parameters, 0, input);
        Scores(parameters, 0, scores);
        State(1).CopyTo(hidden);
    }

    /// <inheritdoc />
    public void BeginUpdate(ulong seed) => _generator.Reseed(seed);

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: every workspace is managed memory.
    }

    /// <summary>
    /// One layer's step forward at step <paramref name="t"/>: reads <see cref="Hidden"/>(t, layer) (and its cell), writes
    /// the gates' activations and the state at t + 1.
    /// </summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="t">The step, from 0.</param>
    /// <param name="layer">The layer, from 0.</param>
    /// <param name="character">The character fed in, layer 0's input.</param>
    /// <param name="input">The input of a layer above 0 (the layer below's h, after dropout); empty for layer 0.</param>
    protected abstract void LayerForward(ReadOnlySpan<double> parameters, int t, int layer, int character, ReadOnlySpan<double> input);

    /// <summary>
    /// One layer's step back at step <paramref name="t"/>: turns the gradient of the layer's state at t + 1 (in
    /// <see cref="HiddenGradient"/>, and its cell's) into the gradient of its state at t, adds the gradients of its
    /// parameters, and adds the gradient of its input to <paramref name="inputGradient"/> (layers above 0).
    /// </summary>
    protected abstract void LayerBackward(ReadOnlySpan<double> parameters, Span<double> gradients, int t, int layer, int character, ReadOnlySpan<double> input, Span<double> inputGradient);

    /// <summary>A layer's h in the state at time <paramref name="time"/> (0: the state passed in; t + 1: after step t).</summary>
    protected Span<double> Hidden(int time, int layer) => _states.AsSpan((time * Shape.StateSize) + (layer * _statePerLayer), M);

    /// <summary>A layer's cell, right after its h, in the state at time <paramref name="time"/>.</summary>
    protected Span<double> Cell(int time, int layer) => _states.AsSpan((time * Shape.StateSize) + (layer * _statePerLayer) + M, M);

    /// <summary>The gradient of a layer's h carried from one step back to the one before.</summary>
    protected Span<double> HiddenGradient(int layer) => _stateGradient.AsSpan(layer * _statePerLayer, M);

    /// <summary>The gradient of a layer's cell carried from one step back to the one before.</summary>
    protected Span<double> CellGradient(int layer) => _stateGradient.AsSpan((layer * _statePerLayer) + M, M);

    /// <summary>A gate's activation at step <paramref name="t"/> in a layer.</summary>
    protected Span<double> Gate(int t, int layer, int gate) => _gates.AsSpan((((((t * Layers) + layer) * _gateCount) + gate) * M), M);

    /// <summary>The gradient of a gate's pre-activation, for the step being taken back.</summary>
    protected Span<double> GateGradient(int gate) => _gateGradients.AsSpan(gate * M, M);

    /// <summary>A workspace of one m-vector per step and layer, for what a model keeps besides its gates.</summary>
    protected double[] NewPerStep() => new double[MaxSequenceLength * Layers * M];

    /// <summary>The m-vector of step <paramref name="t"/> and a layer in a workspace from <see cref="NewPerStep"/>.</summary>
    protected Span<double> PerStep(double[] workspace, int t, int layer) => workspace.AsSpan(((t * Layers) + layer) * M, M);

    /// <summary>A gate's recurrent weights W (m x m, by row).</summary>
    protected ReadOnlySpan<double> RecurrentWeights(ReadOnlySpan<double> parameters, int layer, int gate) =>
        _segments.Recurrent((layer * _gateCount) + gate).Of(parameters);

    /// <summary>Starts a gate's pre-activation: b + U x, where layer 0's U x is the character's column of U.</summary>
    protected void StartGate(ReadOnlySpan<double> parameters, int layer, int gate, int character, ReadOnlySpan<double> input, Span<double> preActivation)
    {
        var index = (layer * _gateCount) + gate;
        _segments.Bias(index).Of(parameters).CopyTo(preActivation);
        var inputWeights = _segments.Input(index).Of(parameters);
        if (layer == 0)
        {
            Algebra.Add(inputWeights.Slice(character * M, M), preActivation);
        }
        else
        {
            Algebra.AddProduct(inputWeights, input, preActivation);
        }
    }

    /// <summary>
    /// Adds what a gate's pre-activation gradient gives its parameters, b, U (one column, for layer 0) and W, and the
    /// layer's input (U^T times it, above layer 0); the gradient of the recurrent input is the model's to add.
    /// </summary>
    /// <param name="recurrentInput">The vector W multiplied: h', or r ⊙ h' for the GRU's candidate.</param>
    protected void AccumulateGate(ReadOnlySpan<double> parameters, Span<double> gradients, int layer, int gate, int character, ReadOnlySpan<double> input, ReadOnlySpan<double> preActivationGradient, ReadOnlySpan<double> recurrentInput, Span<double> inputGradient)
    {
        var index = (layer * _gateCount) + gate;
        Algebra.Add(preActivationGradient, _segments.Bias(index).Of(gradients));
        Algebra.AddOuterProduct(_segments.Recurrent(index).Of(gradients), preActivationGradient, recurrentInput);
        var inputWeightsGradient = _segments.Input(index).Of(gradients);
        if (layer == 0)
        {
            Algebra.Add(preActivationGradient, inputWeightsGradient.Slice(character * M, M));
        }
        else
        {
            Algebra.AddOuterProduct(inputWeightsGradient, preActivationGradient, input);
            Algebra.AddTransposedProduct(_segments.Input(index).Of(parameters), preActivationGradient, inputGradient);
        }
    }

    private double Forward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, bool dropping)
    {
        _dropping = dropping;
        if (dropping)
        {
            // Every mask is drawn before the first step, layer by layer and step by step, in the order the batched
            // kernels draw them for one sequence, so that both give the same masks.
            for (var layer = 1; layer < Layers; layer++)
            {
                for (var t = 0; t < inputs.Length; t++)
                {
                    _generator.FillMask(PerStep(_masks, t, layer), _dropout);
                }
            }

            for (var t = 0; t < inputs.Length; t++)
            {
                _generator.FillMask(OutputMask(t), _dropout);
            }
        }

        hidden.CopyTo(State(0));
        var k = Shape.VocabularySize;
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            Advance(parameters, t, inputs[t]);
            if (dropping)
            {
                Algebra.Multiply(OutputMask(t), Hidden(t + 1, Layers - 1), _droppedOutputs.AsSpan(t * M, M));
            }

            var scores = _probabilities.AsSpan(t * k, k);
            Scores(parameters, t, scores);
            var targetScore = scores[targets[t]];
            loss += Algebra.Softmax(scores) - targetScore;
        }

        State(inputs.Length).CopyTo(hidden);
        return loss;
    }

    /// <summary>Every layer's step t, bottom up; in training with dropout, draws each layer's input mask first.</summary>
    private void Advance(ReadOnlySpan<double> parameters, int t, int character)
    {
        for (var layer = 0; layer < Layers; layer++)
        {
            if (_dropping && layer > 0)
            {
                Algebra.Multiply(PerStep(_masks, t, layer), Hidden(t + 1, layer - 1), PerStep(_droppedInputs, t, layer));
            }

            LayerForward(parameters, t, layer, character, LayerInput(t, layer));
        }
    }

    /// <summary>o = V h + c from the top layer's h after step t (after dropout, in training).</summary>
    private void Scores(ReadOnlySpan<double> parameters, int t, Span<double> scores)
    {
        _segments.OutputBias.Of(parameters).CopyTo(scores);
        Algebra.AddProduct(_segments.OutputWeights.Of(parameters), TopOutput(t), scores);
    }

    /// <summary>The top layer's h after step t as the output reads it: after dropout, in training.</summary>
    private ReadOnlySpan<double> TopOutput(int t) => _dropping ? _droppedOutputs.AsSpan(t * M, M) : Hidden(t + 1, Layers - 1);

    /// <summary>The dropout mask of the top layer's h after step t, before the output.</summary>
    private Span<double> OutputMask(int t) => _outputMasks.AsSpan(t * M, M);

    private void Backward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> gradients)
    {
        gradients.Clear();
        Array.Clear(_stateGradient);
        var k = Shape.VocabularySize;
        var outputWeights = _segments.OutputWeights.Of(parameters);
        var outputWeightsGradient = _segments.OutputWeights.Of(gradients);
        var outputBiasGradient = _segments.OutputBias.Of(gradients);
        var fromAbove = _fromAbove.AsSpan();
        for (var t = inputs.Length - 1; t >= 0; t--)
        {
            // d loss / d o = p - one-hot(y), formed in place of p.
            var outputGradient = _probabilities.AsSpan(t * k, k);
            outputGradient[targets[t]] -= 1.0;
            Algebra.Add(outputGradient, outputBiasGradient);
            Algebra.AddOuterProduct(outputWeightsGradient, outputGradient, TopOutput(t));
            fromAbove.Clear();
            Algebra.AddTransposedProduct(outputWeights, outputGradient, fromAbove);
            if (_dropping)
            {
                Algebra.Multiply(fromAbove, OutputMask(t), fromAbove);
            }

            for (var layer = Layers - 1; layer >= 0; layer--)
            {
                Algebra.Add(fromAbove, HiddenGradient(layer));
                fromAbove.Clear();
                LayerBackward(parameters, gradients, t, layer, inputs[t], LayerInput(t, layer), fromAbove);
                if (_dropping && layer > 0)
                {
                    Algebra.Multiply(fromAbove, PerStep(_masks, t, layer), fromAbove);
                }
            }
        }
    }

    /// <summary>A layer's input at step t: nothing for layer 0 (its input is a character), else the h below, after dropout.</summary>
    private ReadOnlySpan<double> LayerInput(int t, int layer) =>
        layer == 0 ? default
        : _dropping ? PerStep(_droppedInputs, t, layer)
        : Hidden(t + 1, layer - 1);

    private Span<double> State(int time) => _states.AsSpan(time * Shape.StateSize, Shape.StateSize);
}
