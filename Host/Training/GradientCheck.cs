using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>Relative errors between analytic and numerical gradients of one parameter (report tables 2 and 3).</summary>
/// <param name="Name">U, W, V, b or c.</param>
/// <param name="Checked">How many elements were compared.</param>
/// <param name="Total">How many elements the parameter has.</param>
/// <param name="Mean">Mean relative error over the elements compared.</param>
/// <param name="Max">Largest relative error.</param>
/// <param name="Min">Smallest relative error.</param>
internal sealed record ParameterError(string Name, int Checked, int Total, double Mean, double Max, double Min);

/// <summary>The outcome of a gradient check.</summary>
/// <param name="Errors">One row per parameter, in the order U, W, V, b, c.</param>
/// <param name="Threshold">The largest maximum that passes.</param>
/// <param name="Step">The difference step h.</param>
/// <param name="Loss">The loss of the sequence checked.</param>
internal sealed record GradientCheckResult(IReadOnlyList<ParameterError> Errors, double Threshold, double Step, double Loss)
{
    public bool Passed => Errors.All(e => e.Max <= Threshold);

    /// <summary>The parameter with the largest maximum relative error.</summary>
    public ParameterError Worst => Errors.MaxBy(e => e.Max)!;
}

/// <summary>
/// Compares the kernel's analytic gradient with centered differences (L(theta + h) - L(theta - h)) / 2h, element by
/// element, using the relative error |a - n| / max(|a|, |n|), taken as 0 where both are 0.
/// </summary>
/// <remarks>
/// A loss of about n ln K (107 for 25 characters of 74) is only known to 1.4e-14 in float64, which alone gives a
/// gradient of 1e-6 a relative error of 5e-5 with h = 1e-4. So the loss is evaluated, from the kernel's output scores,
/// as its excess over the uniform prediction, sum_t (lse(o_t) - ln K - o_t[y_t]), with lse written as
/// max + ln K + log1p(mean(expm1(o - max))): a constant n ln K less, which cancels in the difference, and terms near
/// zero whose rounding is far finer. The differences are taken per character and summed with compensation.
/// </remarks>
internal static class GradientCheck
{
    public static GradientCheckResult Run(
        IRnnKernel kernel,
        double[] parameters,
        ReadOnlySpan<int> inputs,
        ReadOnlySpan<int> targets,
        ReadOnlySpan<double> hidden,
        double step,
        double threshold,
        int maxElementsPerParameter = 0,
        Random? random = null,
        CancellationToken cancellationToken = default)
    {
        var shape = kernel.Shape;
        var analytic = new double[shape.ParameterCount];
        var loss = kernel.ForwardBackward(parameters, inputs, targets, hidden.ToArray(), analytic);
        var plus = new double[inputs.Length];
        var minus = new double[inputs.Length];
        var work = new Workspace(shape);
        var errors = new List<ParameterError>();
        foreach (var segment in shape.Segments)
        {
            var indices = Choose(segment.Length, maxElementsPerParameter, random);
            var sum = 0.0;
            var max = 0.0;
            var min = double.PositiveInfinity;
            foreach (var local in indices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var i = segment.Offset + local;
                var saved = parameters[i];
                parameters[i] = saved + step;
                var above = parameters[i];
                ExcessLosses(kernel, parameters, inputs, targets, hidden, work, plus);
                parameters[i] = saved - step;
                var below = parameters[i];
                ExcessLosses(kernel, parameters, inputs, targets, hidden, work, minus);
                parameters[i] = saved;
                for (var t = 0; t < plus.Length; t++)
                {
                    plus[t] -= minus[t];
                }

                // Divide by the step actually taken: theta +- h is rounded to the nearest double.
                var numerical = CompensatedSum(plus) / (above - below);
                var error = RelativeError(analytic[i], numerical);
                sum += error;
                max = Math.Max(max, error);
                min = Math.Min(min, error);
            }

            errors.Add(new ParameterError(segment.Name, indices.Length, segment.Length, indices.Length > 0 ? sum / indices.Length : 0, max, indices.Length > 0 ? min : 0));
        }

        return new GradientCheckResult(errors, threshold, step, loss);
    }

    /// <summary>|a - n| / max(|a|, |n|), or 0 when both are 0.</summary>
    public static double RelativeError(double analytic, double numerical)
    {
        var scale = Math.Max(Math.Abs(analytic), Math.Abs(numerical));
        return scale == 0 ? 0 : Math.Abs(analytic - numerical) / scale;
    }

    /// <summary>Each character's loss less ln K, running the kernel forward one character at a time from <paramref name="hidden"/>.</summary>
    private static void ExcessLosses(IRnnKernel kernel, double[] parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, ReadOnlySpan<double> hidden, Workspace work, Span<double> losses)
    {
        hidden.CopyTo(work.Hidden);
        for (var t = 0; t < inputs.Length; t++)
        {
            kernel.Step(parameters, inputs[t], work.Hidden, work.Scores);
            losses[t] = ExcessOverUniform(work.Scores, targets[t], work.Terms);
        }
    }

    /// <summary>-ln softmax(o)[y] - ln K, computed as max + log1p(mean(expm1(o - max))) - o[y].</summary>
    internal static double ExcessOverUniform(ReadOnlySpan<double> scores, int target, Span<double> terms)
    {
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        for (var k = 0; k < scores.Length; k++)
        {
            terms[k] = double.ExpM1(scores[k] - max);
        }

        return (max - scores[target]) + double.LogP1(CompensatedSum(terms) / scores.Length);
    }

    /// <summary>Neumaier's compensated sum: the rounding error of each addition is carried instead of lost.</summary>
    internal static double CompensatedSum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        var compensation = 0.0;
        foreach (var value in values)
        {
            var next = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
            sum = next;
        }

        return sum + compensation;
    }

    /// <summary>Every index, or a random sample of <paramref name="count"/> distinct ones in increasing order.</summary>
    private static int[] Choose(int length, int count, Random? random)
    {
        var all = Enumerable.Range(0, length).ToArray();
        if (count <= 0 || count >= length)
        {
            return all;
        }

        random ??= new Xoshiro256(0);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, length);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = all[..count];
        Array.Sort(chosen);
        return chosen;
    }

    private sealed class Workspace(RnnShape shape)
    {
        public double[] Hidden { get; } = new double[shape.StateSize];

        public double[] Scores { get; } = new double[shape.VocabularySize];

        public double[] Terms { get; } = new double[shape.VocabularySize];
    }
}
