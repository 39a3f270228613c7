using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The gradient check: each analytic derivative from <c>ForwardBackward</c> against the centred difference
/// (L(theta + h) - L(theta - h)) / 2h, by the relative error |a - n| / max(|a|, |n|) (0 when both are 0), h = 1e-4.
/// </summary>
/// <remarks>
/// A sequence's loss is about n ln K and known only to its last bits, too coarse for the difference of two losses
/// 2e-4 apart. So the loss is taken character by character from the kernel's <c>Step</c> scores, as its excess over a
/// uniform prediction, lse(o) - ln K - o[y] with lse(o) = max + ln K + log1p(mean(expm1(o - max))); the constant ln K
/// cancels in the difference, and what remains is small and finely rounded. The per-character differences are summed
/// with compensation.
/// </remarks>
internal sealed class CentredDifferences(IRnnKernel kernel)
{
    public const double H = 1e-4;

    private readonly double[] _hidden = new double[kernel.Shape.StateSize];
    private readonly double[] _scores = new double[kernel.Shape.VocabularySize];

    /// <summary>The largest relative error over every parameter, and the parameter segment and element where it is.</summary>
    public (double Error, string Where) Worst(double[] parameters, int[] inputs, int[] targets, double[] start)
    {
        var analytic = new double[parameters.Length];
        kernel.ForwardBackward(parameters, inputs, targets, (double[])start.Clone(), analytic);
        return Worst(kernel.Shape, parameters, analytic, inputs.Length, (theta, excesses) => Excesses(theta, inputs, targets, start, excesses));
    }

    /// <summary>
    /// The largest relative error of an <paramref name="analytic"/> gradient over every parameter, against centred
    /// differences of a loss that <paramref name="loss"/> writes as <paramref name="terms"/> terms (one, or a term per
    /// character whose differences are summed with compensation), and the parameter segment and element where it is.
    /// </summary>
    /// <param name="shape">The shape, to name the element.</param>
    /// <param name="parameters">The parameters; each element is moved by h and put back.</param>
    /// <param name="analytic">The gradient to check.</param>
    /// <param name="terms">How many terms the loss is written as.</param>
    /// <param name="loss">Writes the loss's terms at the parameters it is given.</param>
    /// <param name="step">The difference step h.</param>
    /// <param name="floor">The least the error is taken relative to (0: none), for a loss whose rounding it covers.</param>
    /// <param name="negligible">Elements where both derivatives are at most this are passed over (0: only where both are 0).</param>
    public static (double Error, string Where) Worst(RnnShape shape, double[] parameters, double[] analytic, int terms, Action<double[], double[]> loss, double step = H, double floor = 0, double negligible = 0)
    {
        var above = new double[terms];
        var below = new double[terms];
        var worst = (Error: 0.0, Where: "");
        for (var i = 0; i < parameters.Length; i++)
        {
            var kept = parameters[i];
            parameters[i] = kept + step;
            var high = parameters[i];
            loss(parameters, above);
            parameters[i] = kept - step;
            var low = parameters[i];
            loss(parameters, below);
            parameters[i] = kept;

            var difference = default(CompensatedSum);
            for (var t = 0; t < terms; t++)
            {
                difference.Add(above[t] - below[t]);
            }

            // The step actually taken: theta +- h rounds to the nearest doubles.
            var numerical = difference.Value / (high - low);
            var scale = Math.Max(Math.Abs(analytic[i]), Math.Abs(numerical));
            if (scale <= negligible)
            {
                continue;
            }

            var error = Math.Abs(analytic[i] - numerical) / Math.Max(scale, floor);
            if (error > worst.Error || double.IsNaN(error))
            {
                var segment = shape.Segments.First(s => i < s.End);
                worst = (double.IsNaN(error) ? double.PositiveInfinity : error, $"d{segment.Name}[{i - segment.Offset}]: {analytic[i]:R} analytic, {numerical:R} numerical");
            }
        }

        return worst;
    }

    /// <summary>Each character's loss less ln K, stepping the kernel forward from <paramref name="start"/>.</summary>
    private void Excesses(double[] parameters, int[] inputs, int[] targets, double[] start, double[] excesses)
    {
        start.CopyTo(_hidden, 0);
        for (var t = 0; t < inputs.Length; t++)
        {
            kernel.Step(parameters, inputs[t], _hidden, _scores);
            var top = double.NegativeInfinity;
            foreach (var score in _scores)
            {
                top = Math.Max(top, score);
            }

            var sum = default(CompensatedSum);
            foreach (var score in _scores)
            {
                sum.Add(double.ExpM1(score - top));
            }

            excesses[t] = top - _scores[targets[t]] + double.LogP1(sum.Value / _scores.Length);
        }
    }

    /// <summary>Neumaier's sum: the rounding error of each addition is carried rather than lost.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _carry;

        public readonly double Value => _sum + _carry;

        public void Add(double value)
        {
            var next = _sum + value;
            _carry += Math.Abs(_sum) >= Math.Abs(value) ? _sum - next + value : value - next + _sum;
            _sum = next;
        }
    }
}
