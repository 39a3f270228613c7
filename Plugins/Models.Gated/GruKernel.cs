using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// The GRU's math, one layer's step at a time, on the operations of <see cref="ReferenceAlgebra"/>:
/// z = σ(Uz x + Wz h' + bz), r = σ(Ur x + Wr h' + br), n = tanh(Un x + Wn (r ⊙ h') + bn), h = (1 - z) ⊙ h' + z ⊙ n.
/// </summary>
internal sealed class GruKernel : GatedKernel
{
    /// <summary>The gates in buffer order: update, reset, candidate.</summary>
    public const string Gates = "zrn";

    private const int Update = 0;
    private const int Reset = 1;
    private const int Candidate = 2;

    /// <summary>r ⊙ h' at every step and layer: the candidate's recurrent input, kept for its weights' gradient.</summary>
    private readonly double[] _resetHidden;

    public GruKernel(RnnShape shape, int maxSequenceLength, double dropout, ReferenceAlgebra algebra)
        : base(shape, maxSequenceLength, Gates.Length, shape.HiddenSize, dropout, algebra)
    {
        _resetHidden = NewPerStep();
    }

    protected override void LayerForward(ReadOnlySpan<double> parameters, int t, int layer, int character, ReadOnlySpan<double> input)
    {
        var previous = Hidden(t, layer);
        var update = Gate(t, layer, Update);
        var reset = Gate(t, layer, Reset);
        var candidate = Gate(t, layer, Candidate);
        var resetHidden = PerStep(_resetHidden, t, layer);

        StartGate(parameters, layer, Update, character, input, update);
        Algebra.AddProduct(RecurrentWeights(parameters, layer, Update), previous, update);
        Algebra.Sigmoid(update);

        StartGate(parameters, layer, Reset, character, input, reset);
        Algebra.AddProduct(RecurrentWeights(parameters, layer, Reset), previous, reset);
        Algebra.Sigmoid(reset);

        Algebra.Multiply(reset, previous, resetHidden);
        StartGate(parameters, layer, Candidate, character, input, candidate);
        Algebra.AddProduct(RecurrentWeights(parameters, layer, Candidate), resetHidden, candidate);
        Algebra.Tanh(candidate);

        Algebra.Interpolate(previous, candidate, update, Hidden(t + 1, layer));
    }

    protected override void LayerBackward(ReadOnlySpan<double> parameters, Span<double> gradients, int t, int layer, int character, ReadOnlySpan<double> input, Span<double> inputGradient)
    {
        var previous = Hidden(t, layer);
        var update = Gate(t, layer, Update);
        var reset = Gate(t, layer, Reset);
        var candidate = Gate(t, layer, Candidate);
        var resetHidden = PerStep(_resetHidden, t, layer);
        var hiddenGradient = HiddenGradient(layer);
        var updateGradient = GateGradient(Update);
        var resetGradient = GateGradient(Reset);
        var candidateGradient = GateGradient(Candidate);
        var work = ScratchA;
        var resetHiddenGradient = ScratchB;

        // Candidate: d a_n = dh ⊙ z ⊙ (1 - n²).
        Algebra.Multiply(hiddenGradient, update, work);
        Algebra.TanhGradient(candidate, work, candidateGradient);

        // Update gate: d a_z = dh ⊙ (n - h') ⊙ z ⊙ (1 - z).
        Algebra.Multiply(hiddenGradient, candidate, work);
        Algebra.SubtractMultiplied(hiddenGradient, previous, work);
        Algebra.SigmoidGradient(update, work, updateGradient);

        // Reset gate, through the candidate's recurrent product: d(r ⊙ h') = Wn^T d a_n, d a_r = d(r ⊙ h') ⊙ h' ⊙ r ⊙ (1 - r).
        resetHiddenGradient.Clear();
        Algebra.AddTransposedProduct(RecurrentWeights(parameters, layer, Candidate), candidateGradient, resetHiddenGradient);
        Algebra.Multiply(resetHiddenGradient, previous, work);
        Algebra.SigmoidGradient(reset, work, resetGradient);

        // dh' = dh ⊙ (1 - z) + d(r ⊙ h') ⊙ r + Wz^T d a_z + Wr^T d a_r, in place of dh.
        Algebra.SubtractMultiplied(hiddenGradient, update, hiddenGradient);
        Algebra.AddMultiplied(resetHiddenGradient, reset, hiddenGradient);
        Algebra.AddTransposedProduct(RecurrentWeights(parameters, layer, Update), updateGradient, hiddenGradient);
        Algebra.AddTransposedProduct(RecurrentWeights(parameters, layer, Reset), resetGradient, hiddenGradient);

        AccumulateGate(parameters, gradients, layer, Update, character, input, updateGradient, previous, inputGradient);
        AccumulateGate(parameters, gradients, layer, Reset, character, input, resetGradient, previous, inputGradient);
        AccumulateGate(parameters, gradients, layer, Candidate, character, input, candidateGradient, resetHidden, inputGradient);
    }
}
