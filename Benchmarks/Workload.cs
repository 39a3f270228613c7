using RnnTui.Contracts;

namespace RnnTui.Benchmarks;

/// <summary>
/// The workload every benchmark here shares: the report's network (m = 100, seq_length = 25) over the 65 characters
/// of tinyshakespeare, with seeded random parameters of a trained network's scale and a random sequence.
/// </summary>
public sealed class Workload
{
    public const int Hidden = 100;
    public const int SequenceLength = 25;
    public const int Vocabulary = 65;

    public Workload(int seed = 1)
    {
        var random = new Random(seed);
        Shape = new RnnShape(Vocabulary, Hidden);
        Parameters = new double[Shape.ParameterCount];
        for (var i = 0; i < Parameters.Length; i++)
        {
            Parameters[i] = (random.NextDouble() - 0.5) * 0.4;
        }

        Inputs = new int[SequenceLength];
        Targets = new int[SequenceLength];
        for (var t = 0; t < SequenceLength; t++)
        {
            Inputs[t] = random.Next(Vocabulary);
            Targets[t] = random.Next(Vocabulary);
        }
    }

    public RnnShape Shape { get; }

    public double[] Parameters { get; }

    public int[] Inputs { get; }

    public int[] Targets { get; }

    /// <summary>One sequence's gradient from <paramref name="kernel"/>, as an optimizer receives it (dU mostly zero).</summary>
    public double[] Gradients(IRnnKernel kernel)
    {
        var gradients = new double[Shape.ParameterCount];
        kernel.ForwardBackward(Parameters, Inputs, Targets, new double[Hidden], gradients);
        return gradients;
    }
}
