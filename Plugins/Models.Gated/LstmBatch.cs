using System.Numerics;
using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The LSTM over a batch (<see cref="GatedBatch{T}"/>), as <see cref="LstmKernel"/> computes one sequence:
/// i, f, o = σ(U x + W h' + b), g = tanh(Ug x + Wg h' + bg), c = f ⊙ c' + i ⊙ g, h = o ⊙ tanh(c). Per step, all four
/// gates take one product with the state before it, and their gradients one product back.
/// </summary>
internal sealed class LstmBatch<T> : GatedBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Each layer's cell at times 0 .. n.</summary>
    private readonly T[][] _cells;

    /// <summary>tanh(c) at every step and layer, kept for the backward pass.</summary>
    private readonly T[][] _cellTanh;

    /// <summary>B x m: the gradient of the cell carried back a step.</summary>
    private readonly T[] _cellGradient;

    private readonly T[] _scratch;
    private readonly T[] _work;

    public LstmBatch(RnnShape shape, int maxSequenceLength, int maxBatchSize, double dropout, IMatrixProducts products)
        : base(shape, maxSequenceLength, maxBatchSize, LstmKernel.Gates.Length, 2 * shape.HiddenSize, dropout, products)
    {
        _cells = NewPerTime();
        _cellTanh = NewPerStep();
        _cellGradient = new T[maxBatchSize * M];
        _scratch = new T[M];
        _work = new T[M];
    }

    protected override void StepForward(int layer, int t, int batch)
    {
        var (m, gm) = (M, GateCount * M);
        var activations = Activations(layer, t, batch);
        Products.Multiply(HiddenAt(layer, t, batch), m, 1, RecurrentTransposed(layer), gm, activations, gm, batch, gm, m, add: true);
        var before = At(_cells, layer, t, batch);
        var after = At(_cells, layer, t + 1, batch);
        var cellTanh = At(_cellTanh, layer, t, batch);
        var next = HiddenAt(layer, t + 1, batch);
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            TensorPrimitives.Sigmoid(gates[..(3 * m)], gates[..(3 * m)]);
            TensorPrimitives.Tanh(gates[(3 * m)..], gates[(3 * m)..]);
            var input = gates[..m];
            var forget = gates.Slice(m, m);
            var output = gates.Slice(2 * m, m);
            var candidate = gates[(3 * m)..];
            var cell = after.Slice(b * m, m);
            TensorPrimitives.Multiply(forget, before.Slice(b * m, m), cell);
            TensorPrimitives.MultiplyAdd(input, candidate, cell, cell);
            var squashed = cellTanh.Slice(b * m, m);
            TensorPrimitives.Tanh(cell, squashed);
            TensorPrimitives.Multiply(output, squashed, next.Slice(b * m, m));
        }
    }

    protected override void StartBackward(int batch) => _cellGradient.AsSpan(0, batch * M).Clear();

    protected override void StepBackward(int layer, int t, int batch)
    {
        var (m, gm) = (M, GateCount * M);
        var activations = Activations(layer, t, batch);
        var gradients = GateGradients(t, batch);
        var hiddenGradient = HiddenGradient(batch);
        var before = At(_cells, layer, t, batch);
        var cellTanh = At(_cellTanh, layer, t, batch);
        var scratch = _scratch.AsSpan();
        var work = _work.AsSpan();
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            var input = gates[..m];
            var forget = gates.Slice(m, m);
            var output = gates.Slice(2 * m, m);
            var candidate = gates[(3 * m)..];
            var gradient = gradients.Slice(b * gm, gm);
            var dh = hiddenGradient.Slice(b * m, m);
            var dc = _cellGradient.AsSpan(b * m, m);
            var squashed = cellTanh.Slice(b * m, m);

            // Output gate: d a_o = dh ⊙ tanh(c) ⊙ o ⊙ (1 - o); the cell: dc += dh ⊙ o ⊙ (1 - tanh²(c)).
            TensorPrimitives.Multiply(dh, squashed, work);
            SigmoidGradient(output, work, gradient.Slice(2 * m, m), scratch);
            TensorPrimitives.Multiply(dh, output, work);
            TanhGradient(squashed, work, work, scratch);
            TensorPrimitives.Add(dc, work, dc);

            // c = f ⊙ c' + i ⊙ g: d a_i = dc ⊙ g ⊙ i(1 - i), d a_f = dc ⊙ c' ⊙ f(1 - f), d a_g = dc ⊙ i ⊙ (1 - g²).
            TensorPrimitives.Multiply(dc, candidate, work);
            SigmoidGradient(input, work, gradient[..m], scratch);
            TensorPrimitives.Multiply(dc, before.Slice(b * m, m), work);
            SigmoidGradient(forget, work, gradient.Slice(m, m), scratch);
            TensorPrimitives.Multiply(dc, input, work);
            TanhGradient(candidate, work, gradient[(3 * m)..], scratch);

            // dc' = dc ⊙ f.
            TensorPrimitives.Multiply(dc, forget, dc);
        }

        // dh' = Σ W^T d a over the gates, for every sequence at once.
        Products.Multiply(gradients, gm, 1, RecurrentRows(layer), m, hiddenGradient, m, batch, m, gm, add: false);
    }

    protected override void LoadExtra(ReadOnlySpan<T> from, int layer, int row) => from.Slice(M, M).CopyTo(_cells[layer].AsSpan(row * M, M));

    protected override void SaveExtra(Span<T> to, int layer, int row) => _cells[layer].AsSpan(row * M, M).CopyTo(to.Slice(M, M));
}
