using RnnTui.Backends.Managed;
using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// A short run of the exact algorithm on <see cref="SampleText"/> with the reference backend: sequences read in order,
/// the hidden state carried over and reset at the end of the text, gradients clipped to [-5, 5] as the host clips them,
/// the smooth loss as the host computes it.
/// </summary>
internal static class TinyTraining
{
    public const int Hidden = 16;
    public const int SeqLength = 25;
    public const int Updates = 1000;

    /// <summary>The vocabulary of <see cref="SampleText.Text"/>: its distinct characters in code point order.</summary>
    public static char[] Vocabulary { get; } = [.. SampleText.Text.Distinct().Order()];

    /// <summary>Trains a network with the optimizer <paramref name="create"/> makes for a parameter count.</summary>
    /// <returns>The first update's loss, the smooth loss after the last update, and every update's loss.</returns>
    public static (double First, double Smooth, double[] Losses) Run(Func<int, IOptimizer> create, Action<IOptimizer, double[], double[]> step)
    {
        var text = SampleText.Text.Select(c => Array.IndexOf(Vocabulary, c)).ToArray();
        var shape = new RnnShape(Vocabulary.Length, Hidden);
        using var kernel = new ManagedBackend().CreateKernel(shape, SeqLength);
        var parameters = new TestNetwork(1).Initial(shape, 0.01);
        var optimizer = create(shape.ParameterCount);
        var gradients = new double[shape.ParameterCount];
        var hidden = new double[Hidden];
        var losses = new double[Updates];
        var smooth = 0.0;
        var position = 0;
        for (var update = 0; update < Updates; update++)
        {
            if (position + SeqLength + 1 > text.Length)
            {
                position = 0;
                Array.Clear(hidden);
            }

            var loss = kernel.ForwardBackward(parameters, text.AsSpan(position, SeqLength), text.AsSpan(position + 1, SeqLength), hidden, gradients);
            losses[update] = loss;
            smooth = update == 0 ? loss : (0.999 * smooth) + (0.001 * loss);
            if (!double.IsFinite(loss))
            {
                break;
            }

            step(optimizer, parameters, gradients);
            position += SeqLength;
        }

        return (losses[0], smooth, losses);
    }
}
