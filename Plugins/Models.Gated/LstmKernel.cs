using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The LSTM's math, one layer's step at a time, on the operations of <see cref="ReferenceAlgebra"/>:
/// i, f, o = σ(U x + W h' + b), g = tanh(Ug x + Wg h' + bg), c = f ⊙ c' + i ⊙ g, h = o ⊙ tanh(c).
/// </summary>
internal sealed class LstmKernel : GatedKernel
{
    /// <summary>The gates in buffer order: input, forget, output, candidate.</summary>
    public const string Gates = "ifog";

    /// <summary>The gate whose bias starts at one, so that a new network keeps its cells rather than forgets them.</summary>
    public const char ForgetGate = 'f';

    private const int Input = 0;
    private const int Forget = 1;
    private const int Output = 2;
    private const int Candidate = 3;

    /// <summary>tanh(c) at every step and layer, kept for the backward pass.</summary>
    private readonly double[] _cellTanh;

    public LstmKernel(RnnShape shape, int maxSequenceLength, double dropout, ReferenceAlgebra algebra)
        : base(shape, maxSequenceLength, Gates.Length, 2 * shape.HiddenSize, dropout, algebra)
    {
        _cellTanh = NewPerStep();
    }

    protected override void LayerForward(ReadOnlySpan<double> parameters, int t, int layer, int character, ReadOnlySpan<double> input)
    {
        var previous = Hidden(t, layer);
        for (var gate = 0; gate < Gates.Length; gate++)
        {
            var activation = Gate(t, layer, gate);
            StartGate(parameters, layer, gate, character, input, activation);
            Algebra.AddProduct(RecurrentWeights(parameters, layer, gate), previous, activation);
            if (gate == Candidate)
            {
                Algebra.Tanh(activation);
            }
            else
            {
                Algebra.Sigmoid(activation);
            }
        }

        var cell = Cell(t + 1, layer);
        Algebra.Multiply(Gate(t, layer, Forget), Cell(t, layer), cell);
        Algebra.AddMultiplied(Gate(t, layer, Input), Gate(t, layer, Candidate), cell);

        var cellTanh = PerStep(_cellTanh, t, layer);
        cell.CopyTo(cellTanh);
        Algebra.Tanh(cellTanh);
        Algebra.Multiply(Gate(t, layer, Output), cellTanh, Hidden(t + 1, layer));
    }

    protected override void LayerBackward(ReadOnlySpan<double> parameters, Span<double> gradients, int t, int layer, int character, ReadOnlySpan<double> input, Span<double> inputGradient)
    {
        var previous = Hidden(t, layer);
        var inputGate = Gate(t, layer, Input);
        var forget = Gate(t, layer, Forget);
        var output = Gate(t, layer, Output);
        var candidate = Gate(t, layer, Candidate);
        var cellTanh = PerStep(_cellTanh, t, layer);
        var hiddenGradient = HiddenGradient(layer);
        var cellGradient = CellGradient(layer);
        var work = ScratchA;

        // Output gate: d a_o = dh ⊙ tanh(c) ⊙ o ⊙ (1 - o).
        Algebra.Multiply(hiddenGradient, cellTanh, work);
        Algebra.SigmoidGradient(output, work, GateGradient(Output));

        // The cell: dc (carried from the next step) += dh ⊙ o ⊙ (1 - tanh²(c)).
        Algebra.Multiply(hiddenGradient, output, work);
        Algebra.TanhGradient(cellTanh, work, work);
        Algebra.Add(work, cellGradient);

        // c = f ⊙ c' + i ⊙ g: d a_i = dc ⊙ g ⊙ i(1 - i), d a_f = dc ⊙ c' ⊙ f(1 - f), d a_g = dc ⊙ i ⊙ (1 - g²).
        Algebra.Multiply(cellGradient, candidate, work);
        Algebra.SigmoidGradient(inputGate, work, GateGradient(Input));
        Algebra.Multiply(cellGradient, Cell(t, layer), work);
        Algebra.SigmoidGradient(forget, work, GateGradient(Forget));
        Algebra.Multiply(cellGradient, inputGate, work);
        Algebra.TanhGradient(candidate, work, GateGradient(Candidate));

        // dc' = dc ⊙ f and dh' = Σ W^T d a, in place of dc and dh.
        Algebra.Multiply(cellGradient, forget, cellGradient);
        hiddenGradient.Clear();
        for (var gate = 0; gate < Gates.Length; gate++)
        {
            var preActivationGradient = GateGradient(gate);
            Algebra.AddTransposedProduct(RecurrentWeights(parameters, layer, gate), preActivationGradient, hiddenGradient);
            AccumulateGate(parameters, gradients, layer, gate, character, input, preActivationGradient, previous, inputGradient);
        }
    }
}
