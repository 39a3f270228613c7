using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The gated models over a batch of B sequences as matrix products, on the backend's <see cref="IMatrixProducts"/>,
/// in float64 or float32 (<typeparamref name="T"/>). What the GRU and the LSTM share is here: the layers, the output,
/// the dropout, the weight gradients and the workspaces; a model writes one layer's step forward and back over the B
/// sequences (<see cref="StepForward"/>, <see cref="StepBackward"/>).
/// </summary>
/// <remarks>
/// <para>
/// Every state is kept a step at a time, B rows of m, one per sequence, and the steps one after another, so that the
/// rows of a whole sequence form one (n B) x m matrix. A layer's gates lie side by side in a row of G m: the products
/// of all its gates with the state before a step are one product with the packed transposes of their W. The network
/// runs a layer at a time through the whole sequence: a layer's input from the layer below (its U x for all n steps),
/// the output's scores, and every weight's gradient are each one product over all n B rows, and only the recurrence
/// goes a step at a time.
/// </para>
/// <para>
/// The transposes the products need (W^T, U^T, V^T) are packed from the parameters on every call: a few copies of the
/// weights, against n B multiply-adds for each. Losses are added up in float64.
/// </para>
/// </remarks>
internal abstract class GatedBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IMatrixProducts _products;
    private readonly GatedSegments _segments;
    private readonly int _statePerLayer;
    private readonly double _dropout;
    private readonly T[][] _hidden;         // per layer, (n + 1) x B x m: H_0 .. H_n
    private readonly T[][] _activations;    // per layer, n x B x G m: every gate's activation
    private readonly T[][] _inputs;         // per layer above the first, n x B x m: the input after dropout
    private readonly T[][] _masks;          // per layer above the first, n x B x m
    private readonly T[][] _recurrentT;     // per layer, m x G m: every gate's W^T side by side
    private readonly T[][] _recurrentRows;  // per layer, G m x m: every gate's W, one under another
    private readonly T[][] _inputT;         // per layer above the first, m x G m: every gate's U^T
    private readonly T[][] _inputRows;      // per layer above the first, G m x m: every gate's U
    private readonly T[] _characterRows;    // K x G m: each character's column of U, plus b, for the first layer
    private readonly T[] _biasRows;         // L x G m: each layer's biases side by side
    private readonly T[] _outputT;          // m x K: V^T
    private readonly T[] _scores;           // n x B x K: P, then G_o = P - Y
    private readonly T[] _outputMask;       // n x B x m: the dropout mask of the top layer's h before the output
    private readonly T[] _droppedTop;       // n x B x m: the top layer's h after that dropout
    private readonly T[] _gateGradients;    // n x B x G m: every gate's pre-activation gradient
    private readonly T[] _above;            // n x B x m: the gradient of a layer's h from above (the output or the next layer)
    private readonly T[] _below;            // n x B x m: the gradient of a layer's input, for the layer below
    private readonly T[] _ones;             // n x B ones, to sum rows as a product
    private readonly T[] _hiddenGradient;   // B x m: the gradient of h carried back a step
    private readonly T[] _packedFrom;       // the parameters the packs were made from
    private bool _packed;
    private MaskGenerator _generator;

    /// <summary>Allocates every workspace for batches of up to <paramref name="maxBatchSize"/> sequences.</summary>
    /// <param name="shape">The network's shape, in the gated layout.</param>
    /// <param name="maxSequenceLength">The longest sequence.</param>
    /// <param name="maxBatchSize">The most sequences in a call.</param>
    /// <param name="gateCount">G, the gates of a layer.</param>
    /// <param name="statePerLayer">The state one layer carries per sequence: m, or 2m with a cell.</param>
    /// <param name="dropout">The share of a layer's inputs dropped in training; 0 for none.</param>
    /// <param name="products">The backend's matrix product.</param>
    protected GatedBatch(RnnShape shape, int maxSequenceLength, int maxBatchSize, int gateCount, int statePerLayer, double dropout, IMatrixProducts products)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var layers = shape.Layers;
        _segments = new GatedSegments(shape, gateCount, statePerLayer);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        MaxBatchSize = maxBatchSize;
        M = shape.HiddenSize;
        GateCount = gateCount;
        Layers = layers;
        _products = products;
        _statePerLayer = statePerLayer;
        _dropout = dropout;

        var (m, gm, k) = (M, gateCount * M, shape.VocabularySize);
        var rows = maxSequenceLength * maxBatchSize;
        _hidden = PerLayer(0, (rows + maxBatchSize) * m);
        _activations = PerLayer(0, rows * gm);
        _inputs = PerLayer(1, rows * m);
        _masks = PerLayer(1, rows * m);
        _recurrentT = PerLayer(0, m * gm);
        _recurrentRows = PerLayer(0, gm * m);
        _inputT = PerLayer(1, m * gm);
        _inputRows = PerLayer(1, gm * m);
        _characterRows = new T[k * gm];
        _biasRows = new T[layers * gm];
        _outputT = new T[m * k];
        _scores = new T[rows * k];
        _outputMask = new T[rows * m];
        _droppedTop = new T[rows * m];
        _gateGradients = new T[rows * gm];
        _above = new T[rows * m];
        _below = new T[rows * m];
        _ones = new T[rows];
        _ones.AsSpan().Fill(T.One);
        _hiddenGradient = new T[maxBatchSize * m];
        _packedFrom = new T[shape.ParameterCount];
    }

    public RnnShape Shape { get; }

    public int MaxSequenceLength { get; }

    public int MaxBatchSize { get; }

    /// <summary>m, the units of each layer.</summary>
    protected int M { get; }

    /// <summary>G, the gates of each layer.</summary>
    protected int GateCount { get; }

    /// <summary>L, the layers.</summary>
    protected int Layers { get; }

    /// <summary>The backend's matrix product.</summary>
    protected IMatrixProducts Products => _products;

    /// <summary>Starts the dropout masks' numbers again from a seed (<see cref="IDropoutKernel.BeginUpdate"/>).</summary>
    public void Reseed(ulong seed) => _generator.Reseed(seed);

    /// <summary>
    /// The forward pass over a batch, and back-propagation when <paramref name="gradients"/> is not empty; the arguments
    /// are checked already. Returns the sum of the sequences' losses.
    /// </summary>
    /// <param name="parameters">The parameters in <typeparamref name="T"/>.</param>
    /// <param name="batch">B.</param>
    /// <param name="inputs">B x n characters, sequence by sequence.</param>
    /// <param name="targets">B x n targets.</param>
    /// <param name="states">B states: each sequence's state on entry, its final state on return.</param>
    /// <param name="gradients">Overwritten with the sum of the sequences' gradients; empty for the loss alone.</param>
    /// <param name="dropping">Whether to drop out layers' outputs (training).</param>
    public double Run(ReadOnlySpan<T> parameters, int batch, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<T> states, Span<T> gradients, bool dropping)
    {
        var n = inputs.Length / batch;
        dropping &= _dropout > 0;
        Pack(parameters);
        LoadStates(states, batch);
        for (var layer = 0; layer < Layers; layer++)
        {
            StartLayer(layer, batch, n, inputs, dropping);
            for (var t = 0; t < n; t++)
            {
                StepForward(layer, t, batch);
            }
        }

        SaveStates(states, batch, n);
        var rows = n * batch;
        var k = Shape.VocabularySize;
        if (dropping)
        {
            var mask = _outputMask.AsSpan(0, rows * M);
            _generator.FillMask(mask, _dropout);
            TensorPrimitives.Multiply(mask, Hidden(Layers - 1, batch, rows), _droppedTop.AsSpan(0, rows * M));
        }

        var scores = _scores.AsSpan(0, rows * k);
        _products.Multiply<T>(TopOutput(batch, rows, dropping), M, 1, _outputT, k, scores, k, rows, k, M, add: false);
        var loss = Softmax(Of(_segments.OutputBias, parameters), batch, n, targets, scores);
        if (!gradients.IsEmpty)
        {
            Backward(parameters, batch, n, inputs, gradients, dropping);
        }

        return loss;
    }

    /// <summary>One step for sampling: the state moves on by one character, and the raw scores o = V h + c are written.</summary>
    public void Step(ReadOnlySpan<T> parameters, int input, Span<T> state, Span<T> scores)
    {
        Pack(parameters);
        LoadStates(state, 1);
        ReadOnlySpan<int> inputs = [input];
        for (var layer = 0; layer < Layers; layer++)
        {
            StartLayer(layer, 1, 1, inputs, dropping: false);
            StepForward(layer, 0, 1);
        }

        SaveStates(state, 1, 1);
        Of(_segments.OutputBias, parameters).CopyTo(scores);
        _products.Multiply<T>(Hidden(Layers - 1, 1, 1), M, 1, _outputT, scores.Length, scores, scores.Length, 1, scores.Length, M, add: true);
    }

    /// <summary>
    /// One layer's step t forward: the step's rows of <see cref="Activations"/> hold U x + b of each gate on entry;
    /// the model adds the recurrent products, applies the gates and writes the layer's state after the step.
    /// </summary>
    protected abstract void StepForward(int layer, int t, int batch);

    /// <summary>
    /// One layer's step t back: <see cref="HiddenGradient"/> holds the gradient of h after the step (and the model keeps
    /// its cell's); the model writes the step's rows of <see cref="GateGradients"/> and turns the carried gradients into
    /// those of the state before the step.
    /// </summary>
    protected abstract void StepBackward(int layer, int t, int batch);

    /// <summary>Clears what the model carries back besides h (the cell's gradient) before a layer's steps back.</summary>
    protected virtual void StartBackward(int batch)
    {
    }

    /// <summary>The model's own state beside h (the cell), copied in from a sequence's state.</summary>
    protected virtual void LoadExtra(ReadOnlySpan<T> from, int layer, int row)
    {
    }

    /// <summary>The model's own state beside h (the cell), copied out to a sequence's state.</summary>
    protected virtual void SaveExtra(Span<T> to, int layer, int row)
    {
    }

    /// <summary>The vector W multiplied for a gate at every step, n B rows of m: the state before each step, unless the model says otherwise.</summary>
    protected virtual ReadOnlySpan<T> RecurrentInput(int layer, int gate, int rows) => Hidden(layer, 0, rows);

    /// <summary>Rows of a layer's h, <paramref name="rows"/> from row <paramref name="firstRow"/> (time t's B rows start at row t B).</summary>
    protected Span<T> Hidden(int layer, int firstRow, int rows) => _hidden[layer].AsSpan(firstRow * M, rows * M);

    /// <summary>The B rows of a layer's h at a time (0: the state passed in; t + 1: after step t).</summary>
    protected Span<T> HiddenAt(int layer, int time, int batch) => _hidden[layer].AsSpan(time * batch * M, batch * M);

    /// <summary>The B rows of G m activations of a layer's step t.</summary>
    protected Span<T> Activations(int layer, int t, int batch) => _activations[layer].AsSpan(t * batch * GateCount * M, batch * GateCount * M);

    /// <summary>The B rows of G m pre-activation gradients of step t.</summary>
    protected Span<T> GateGradients(int t, int batch) => _gateGradients.AsSpan(t * batch * GateCount * M, batch * GateCount * M);

    /// <summary>The gradient of h carried back, B rows of m.</summary>
    protected Span<T> HiddenGradient(int batch) => _hiddenGradient.AsSpan(0, batch * M);

    /// <summary>Every gate's W^T side by side, m x G m.</summary>
    protected ReadOnlySpan<T> RecurrentTransposed(int layer) => _recurrentT[layer];

    /// <summary>Every gate's W one under another, G m x m.</summary>
    protected ReadOnlySpan<T> RecurrentRows(int layer) => _recurrentRows[layer];

    /// <summary>A workspace of one B x m block per step and layer, for what a model keeps besides its gates.</summary>
    protected T[][] NewPerStep() => PerLayer(0, MaxSequenceLength * MaxBatchSize * M);

    /// <summary>A workspace of one B x m block per layer and time 0 .. n (a state).</summary>
    protected T[][] NewPerTime() => PerLayer(0, (MaxSequenceLength + 1) * MaxBatchSize * M);

    /// <summary>The rows of step t in a workspace from <see cref="NewPerStep"/> (or time t in one from <see cref="NewPerTime"/>).</summary>
    protected Span<T> At(T[][] workspace, int layer, int t, int batch) => workspace[layer].AsSpan(t * batch * M, batch * M);

    /// <summary>destination = gradient ⊙ s ⊙ (1 - s): back through s = σ(a), given s; destination may be gradient.</summary>
    protected static void SigmoidGradient(ReadOnlySpan<T> s, ReadOnlySpan<T> gradient, Span<T> destination, Span<T> scratch)
    {
        TensorPrimitives.Subtract(T.One, s, scratch);
        TensorPrimitives.Multiply(scratch, s, scratch);
        TensorPrimitives.Multiply(scratch, gradient, destination);
    }

    /// <summary>destination = gradient ⊙ (1 - t²): back through t = tanh(a), given t; destination may be gradient.</summary>
    protected static void TanhGradient(ReadOnlySpan<T> t, ReadOnlySpan<T> gradient, Span<T> destination, Span<T> scratch)
    {
        TensorPrimitives.Multiply(t, t, scratch);
        TensorPrimitives.Subtract(T.One, scratch, scratch);
        TensorPrimitives.Multiply(scratch, gradient, destination);
    }

    /// <summary>The B x m state rows of a sequence's state passed in: sequence b's part for a layer starts at b S + layer part.</summary>
    private void LoadStates(ReadOnlySpan<T> states, int batch)
    {
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var b = 0; b < batch; b++)
            {
                var from = states.Slice((b * Shape.StateSize) + (layer * _statePerLayer), _statePerLayer);
                from[..M].CopyTo(_hidden[layer].AsSpan(b * M, M));
                LoadExtra(from, layer, b);
            }
        }
    }

    private void SaveStates(Span<T> states, int batch, int n)
    {
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var b = 0; b < batch; b++)
            {
                var to = states.Slice((b * Shape.StateSize) + (layer * _statePerLayer), _statePerLayer);
                _hidden[layer].AsSpan(((n * batch) + b) * M, M).CopyTo(to);
                SaveExtra(to, layer, (n * batch) + b);
            }
        }
    }

    /// <summary>
    /// Fills a layer's activations with each gate's U x + b for every step: from the character table for the first
    /// layer, else as one product with the layer below's h of every step, after dropout in training.
    /// </summary>
    private void StartLayer(int layer, int batch, int n, ReadOnlySpan<int> inputs, bool dropping)
    {
        var gm = GateCount * M;
        var rows = n * batch;
        var activations = _activations[layer].AsSpan(0, rows * gm);
        if (layer == 0)
        {
            for (var t = 0; t < n; t++)
            {
                for (var b = 0; b < batch; b++)
                {
                    _characterRows.AsSpan(inputs[(b * n) + t] * gm, gm).CopyTo(activations.Slice(((t * batch) + b) * gm, gm));
                }
            }

            return;
        }

        if (dropping)
        {
            var mask = _masks[layer].AsSpan(0, rows * M);
            _generator.FillMask(mask, _dropout);
            TensorPrimitives.Multiply(mask, Hidden(layer - 1, batch, rows), _inputs[layer].AsSpan(0, rows * M));
        }

        var input = LayerInput(layer, batch, rows, dropping);

        var bias = _biasRows.AsSpan(layer * gm, gm);
        for (var q = 0; q < rows; q++)
        {
            bias.CopyTo(activations.Slice(q * gm, gm));
        }

        _products.Multiply<T>(input, M, 1, _inputT[layer], gm, activations, gm, rows, gm, M, add: true);
    }

    /// <summary>Adds c to every row of scores and turns it into G_o = softmax(p) - y, returning the sum of the rows' losses.</summary>
    private static double Softmax(ReadOnlySpan<T> c, int batch, int n, ReadOnlySpan<int> targets, Span<T> scores)
    {
        var k = c.Length;
        var loss = 0.0;
        for (var q = 0; q < n * batch; q++)
        {
            var p = scores.Slice(q * k, k);
            TensorPrimitives.Add(p, c, p);
            TensorPrimitives.Subtract(p, TensorPrimitives.Max(p), p);
            loss -= double.CreateTruncating(p[Target(targets, q, batch, n)]);
        }

        TensorPrimitives.Exp(scores, scores);
        for (var q = 0; q < n * batch; q++)
        {
            var p = scores.Slice(q * k, k);
            var sum = TensorPrimitives.Sum(p);
            TensorPrimitives.Multiply(p, T.One / sum, p);
            loss += double.CreateTruncating(T.Log(sum));
            p[Target(targets, q, batch, n)] -= T.One;
        }

        return loss;
    }

    /// <summary>The target of row q: step q / B of sequence q % B, whose targets lie sequence by sequence.</summary>
    private static int Target(ReadOnlySpan<int> targets, int q, int batch, int n) => targets[((q % batch) * n) + (q / batch)];

    private void Backward(ReadOnlySpan<T> parameters, int batch, int n, ReadOnlySpan<int> inputs, Span<T> gradients, bool dropping)
    {
        var (m, k, gm) = (M, Shape.VocabularySize, GateCount * M);
        var rows = n * batch;
        var scores = _scores.AsSpan(0, rows * k);
        var ones = _ones.AsSpan(0, rows);
        var top = TopOutput(batch, rows, dropping);

        // The output: dV = G_o^T H, dc = the sum of G_o's rows, and the top layer's gradient from above, G_o V.
        _products.Multiply<T>(scores, 1, k, top, m, Of(_segments.OutputWeights, gradients), m, k, m, rows, add: false);
        _products.Multiply<T>(ones, 0, 1, scores, k, Of(_segments.OutputBias, gradients), k, 1, k, rows, add: false);
        var above = _above.AsSpan(0, rows * m);
        var below = _below.AsSpan(0, rows * m);
        _products.Multiply<T>(scores, k, 1, Of(_segments.OutputWeights, parameters), m, above, m, rows, m, k, add: false);
        if (dropping)
        {
            TensorPrimitives.Multiply(above, _outputMask.AsSpan(0, rows * m), above);
        }

        var gateGradients = _gateGradients.AsSpan(0, rows * gm);
        for (var layer = Layers - 1; layer >= 0; layer--)
        {
            var carried = HiddenGradient(batch);
            carried.Clear();
            StartBackward(batch);
            for (var t = n - 1; t >= 0; t--)
            {
                TensorPrimitives.Add(carried, above.Slice(t * batch * m, batch * m), carried);
                StepBackward(layer, t, batch);
            }

            for (var gate = 0; gate < GateCount; gate++)
            {
                var index = (layer * GateCount) + gate;
                var gradient = gateGradients[(gate * m)..];
                _products.Multiply<T>(gradient, 1, gm, RecurrentInput(layer, gate, rows), m, Of(_segments.Recurrent(index), gradients), m, m, m, rows, add: false);
                _products.Multiply<T>(ones, 0, 1, gradient, gm, Of(_segments.Bias(index), gradients), m, 1, m, rows, add: false);
                var inputWeights = Of(_segments.Input(index), gradients);
                if (layer == 0)
                {
                    // The input is one-hot: each row's gradient goes to its character's column of U.
                    inputWeights.Clear();
                    for (var t = 0; t < n; t++)
                    {
                        for (var b = 0; b < batch; b++)
                        {
                            var column = inputWeights.Slice(inputs[(b * n) + t] * m, m);
                            TensorPrimitives.Add(column, gateGradients.Slice((((t * batch) + b) * gm) + (gate * m), m), column);
                        }
                    }
                }
                else
                {
                    _products.Multiply<T>(gradient, 1, gm, LayerInput(layer, batch, rows, dropping), m, inputWeights, m, m, m, rows, add: false);
                }
            }

            if (layer > 0)
            {
                _products.Multiply<T>(gateGradients, gm, 1, _inputRows[layer], m, below, m, rows, m, gm, add: false);
                if (dropping)
                {
                    TensorPrimitives.Multiply(below, _masks[layer].AsSpan(0, rows * m), below);
                }

                var swap = above;
                above = below;
                below = swap;
            }
        }
    }

    /// <summary>The top layer's h after every step as the output reads it, n B rows of m: after dropout, in training.</summary>
    private ReadOnlySpan<T> TopOutput(int batch, int rows, bool dropping) =>
        dropping ? _droppedTop.AsSpan(0, rows * M) : Hidden(Layers - 1, batch, rows);

    /// <summary>A layer's input at every step, n B rows of m: the h below after each step, after dropout in training.</summary>
    private ReadOnlySpan<T> LayerInput(int layer, int batch, int rows, bool dropping) =>
        dropping ? _inputs[layer].AsSpan(0, rows * M) : Hidden(layer - 1, batch, rows);

    /// <summary>
    /// Packs the transposes and tables of this call's parameters, unless they are the bits the last packs were made
    /// from: sampling and the validation loss call with the same parameters many times, and a comparison of bytes costs
    /// a fraction of the packing.
    /// </summary>
    private void Pack(ReadOnlySpan<T> parameters)
    {
        if (_packed && MemoryMarshal.AsBytes(parameters).SequenceEqual(MemoryMarshal.AsBytes(_packedFrom.AsSpan())))
        {
            return;
        }

        parameters.CopyTo(_packedFrom);
        _packed = true;
        var (m, k, gm) = (M, Shape.VocabularySize, GateCount * M);
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var gate = 0; gate < GateCount; gate++)
            {
                var index = (layer * GateCount) + gate;
                var recurrent = Of(_segments.Recurrent(index), parameters);
                Transpose(recurrent, m, _recurrentT[layer].AsSpan(gate * m), gm);
                recurrent.CopyTo(_recurrentRows[layer].AsSpan(gate * m * m, m * m));
                var bias = Of(_segments.Bias(index), parameters);
                bias.CopyTo(_biasRows.AsSpan((layer * gm) + (gate * m), m));
                var input = Of(_segments.Input(index), parameters);
                if (layer == 0)
                {
                    // U is stored by column: character c's column is the contiguous m at c m.
                    for (var character = 0; character < k; character++)
                    {
                        TensorPrimitives.Add(input.Slice(character * m, m), bias, _characterRows.AsSpan((character * gm) + (gate * m), m));
                    }
                }
                else
                {
                    Transpose(input, m, _inputT[layer].AsSpan(gate * m), gm);
                    input.CopyTo(_inputRows[layer].AsSpan(gate * m * m, m * m));
                }
            }
        }

        var output = Of(_segments.OutputWeights, parameters);
        for (var row = 0; row < k; row++)
        {
            for (var j = 0; j < m; j++)
            {
                _outputT[(j * k) + row] = output[(row * m) + j];
            }
        }
    }

    /// <summary>Writes the transpose of an m x m matrix stored by row into columns of a matrix whose rows are <paramref name="stride"/> apart.</summary>
    private static void Transpose(ReadOnlySpan<T> matrix, int m, Span<T> result, int stride)
    {
        for (var i = 0; i < m; i++)
        {
            var row = matrix.Slice(i * m, m);
            for (var j = 0; j < m; j++)
            {
                result[(j * stride) + i] = row[j];
            }
        }
    }

    private static ReadOnlySpan<T> Of(ParameterSegment segment, ReadOnlySpan<T> buffer) => buffer.Slice(segment.Offset, segment.Length);

    private static Span<T> Of(ParameterSegment segment, Span<T> buffer) => buffer.Slice(segment.Offset, segment.Length);

    private T[][] PerLayer(int first, int length)
    {
        var workspaces = new T[Layers][];
        for (var layer = 0; layer < Layers; layer++)
        {
            workspaces[layer] = layer >= first ? new T[length] : [];
        }

        return workspaces;
    }
}
