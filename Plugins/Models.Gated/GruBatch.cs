using System.Numerics;
using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The GRU over a batch (<see cref="GatedBatch{T}"/>), as <see cref="GruKernel"/> computes one sequence:
/// z = σ(Uz x + Wz h' + bz), r = σ(Ur x + Wr h' + br), n = tanh(Un x + Wn (r ⊙ h') + bn), h = h' + z ⊙ (n - h').
/// Per step, the update and reset gates take one product with the state before it, the candidate a second one with
/// r ⊙ h'.
/// </summary>
internal sealed class GruBatch<T> : GatedBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Candidate = 2;

    /// <summary>r ⊙ h' at every step and layer: the candidate's recurrent input, kept for its weights' gradient.</summary>
    private readonly T[][] _resetHidden;

    /// <summary>B x m: d(r ⊙ h'), the gradient the candidate's product gives r ⊙ h'.</summary>
    private readonly T[] _resetHiddenGradient;

    private readonly T[] _scratch;

    public GruBatch(RnnShape shape, int maxSequenceLength, int maxBatchSize, double dropout, IMatrixProducts products)
        : base(shape, maxSequenceLength, maxBatchSize, GruKernel.Gates.Length, shape.HiddenSize, dropout, products)
    {
        _resetHidden = NewPerStep();
        _resetHiddenGradient = new T[maxBatchSize * M];
        _scratch = new T[M];
    }

    protected override void StepForward(int layer, int t, int batch)
    {
        var (m, gm) = (M, GateCount * M);
        var activations = Activations(layer, t, batch);
        var previous = HiddenAt(layer, t, batch);
        var next = HiddenAt(layer, t + 1, batch);
        var resetHidden = At(_resetHidden, layer, t, batch);
        var transposed = RecurrentTransposed(layer);
        Products.Multiply(previous, m, 1, transposed, gm, activations, gm, batch, 2 * m, m, add: true);
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            TensorPrimitives.Sigmoid(gates[..(2 * m)], gates[..(2 * m)]);
            TensorPrimitives.Multiply(gates.Slice(m, m), previous.Slice(b * m, m), resetHidden.Slice(b * m, m));
        }

        Products.Multiply(resetHidden, m, 1, transposed[(2 * m)..], gm, activations[(2 * m)..], gm, batch, m, m, add: true);
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            var candidate = gates.Slice(2 * m, m);
            TensorPrimitives.Tanh(candidate, candidate);
            var from = previous.Slice(b * m, m);
            var to = next.Slice(b * m, m);
            TensorPrimitives.Subtract(candidate, from, to);
            TensorPrimitives.MultiplyAdd(to, gates[..m], from, to);
        }
    }

    protected override void StepBackward(int layer, int t, int batch)
    {
        var (m, gm) = (M, GateCount * M);
        var activations = Activations(layer, t, batch);
        var previous = HiddenAt(layer, t, batch);
        var gradients = GateGradients(t, batch);
        var hiddenGradient = HiddenGradient(batch);
        var resetHiddenGradient = _resetHiddenGradient.AsSpan(0, batch * m);
        var scratch = _scratch.AsSpan();
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            var update = gates[..m];
            var candidate = gates.Slice(2 * m, m);
            var gradient = gradients.Slice(b * gm, gm);
            var dh = hiddenGradient.Slice(b * m, m);

            // Candidate: d a_n = dh ⊙ z ⊙ (1 - n²); update gate: d a_z = dh ⊙ (n - h') ⊙ z ⊙ (1 - z).
            var candidateGradient = gradient.Slice(2 * m, m);
            TensorPrimitives.Multiply(dh, update, candidateGradient);
            TanhGradient(candidate, candidateGradient, candidateGradient, scratch);
            var updateGradient = gradient[..m];
            TensorPrimitives.Subtract(candidate, previous.Slice(b * m, m), updateGradient);
            TensorPrimitives.Multiply(updateGradient, dh, updateGradient);
            SigmoidGradient(update, updateGradient, updateGradient, scratch);
        }

        // d(r ⊙ h') = d a_n Wn, for every sequence at once.
        var rows = RecurrentRows(layer);
        Products.Multiply(gradients[(2 * m)..], gm, 1, rows[(2 * m * m)..], m, resetHiddenGradient, m, batch, m, m, add: false);
        for (var b = 0; b < batch; b++)
        {
            var gates = activations.Slice(b * gm, gm);
            var update = gates[..m];
            var reset = gates.Slice(m, m);
            var resetGradient = gradients.Slice((b * gm) + m, m);
            var fromReset = resetHiddenGradient.Slice(b * m, m);
            var dh = hiddenGradient.Slice(b * m, m);

            // Reset gate: d a_r = d(r ⊙ h') ⊙ h' ⊙ r ⊙ (1 - r).
            TensorPrimitives.Multiply(fromReset, previous.Slice(b * m, m), resetGradient);
            SigmoidGradient(reset, resetGradient, resetGradient, scratch);

            // dh' = dh ⊙ (1 - z) + d(r ⊙ h') ⊙ r, then the gates' products below.
            TensorPrimitives.Multiply(dh, update, scratch);
            TensorPrimitives.Subtract(dh, scratch, dh);
            TensorPrimitives.MultiplyAdd(fromReset, reset, dh, dh);
        }

        // dh' += [d a_z, d a_r] [Wz; Wr], for every sequence at once.
        Products.Multiply(gradients, gm, 1, rows, m, hiddenGradient, m, batch, m, 2 * m, add: true);
    }

    protected override ReadOnlySpan<T> RecurrentInput(int layer, int gate, int rows) =>
        gate == Candidate ? _resetHidden[layer].AsSpan(0, rows * M) : base.RecurrentInput(layer, gate, rows);
}
