using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RnnTui.Contracts;

namespace RnnTui.Optimizers.Adam;

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction and optional decoupled weight decay (AdamW, Loshchilov and Hutter,
/// 2019). At step t, element by element:
/// <code>
/// m = beta1 m + (1 - beta1) g
/// v = beta2 v + (1 - beta2) g^2
/// theta = theta (1 - eta lambda) - (eta / (1 - beta1^t)) (m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon))
/// </code>
/// which is the paper's theta -= eta mhat / (sqrt(vhat) + epsilon): epsilon is added outside the square root of the
/// bias-corrected second moment (not inside it, and not to the uncorrected sqrt(v) as the paper's faster variant does),
/// with the corrections folded into eta and sqrt(v) as PyTorch folds them (one square root and two divisions per element).
/// With lambda = 0 the factor (1 - eta lambda) is exactly 1 and the update is plain Adam to the bit.
/// The loop runs over <see cref="Vector{T}"/> with a scalar tail doing the same operations in the same order, without
/// fused multiply-add, so every element gets the scalar formula's number whatever its position. The step count t is
/// state too (a one-element buffer), so a resumed run continues bit-identically. Any range of the parameters can be
/// updated on its own once the step has begun (<see cref="IRangeOptimizer"/>).
/// </summary>
public sealed class AdamOptimizer : IRangeOptimizer, ILearningRateOptimizer
{
    private readonly double[] _firstMoment;
    private readonly double[] _secondMoment;
    private readonly double[] _step = new double[1];
    private readonly AdamOptions _options;
    private double _learningRate;
    private Coefficients _coefficients;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters, its moments and step count at zero.</summary>
    /// <exception cref="PluginInputException">A hyperparameter is out of range; the message names it and its value.</exception>
    public AdamOptimizer(int parameterCount, AdamOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        Check(options);
        _options = options;
        _learningRate = options.Eta;
        _firstMoment = new double[parameterCount];
        _secondMoment = new double[parameterCount];
        State = [new OptimizerBuffer("firstMoment", _firstMoment), new OptimizerBuffer("secondMoment", _secondMoment), new OptimizerBuffer("step", _step)];
    }

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"eta={_options.Eta}, beta1={_options.Beta1}, beta2={_options.Beta2}, epsilon={_options.Epsilon}, weightDecay={_options.WeightDecay}");

    /// <inheritdoc />
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value is >= 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a learning rate is finite and >= 0");
    }

    /// <inheritdoc />
    public IReadOnlyList<OptimizerBuffer> State { get; }

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) => Step(parameters, parameters, gradients, double.PositiveInfinity);

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        var count = _firstMoment.Length;
        if (parameters.Length != count || updated.Length != count || gradients.Length != count)
        {
            throw new ArgumentException($"expected {count} parameters, updated parameters and gradients, got {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        BeginStep();
        StepRange(0, parameters, updated, gradients, clip);
    }

    /// <inheritdoc />
    /// <remarks>Counts the step and works out the bias corrections at the learning rate as it is now.</remarks>
    public void BeginStep()
    {
        // t counts whole steps in a double: exact up to 2^53.
        _step[0]++;
        _coefficients = new Coefficients(_options, _learningRate, _step[0]);
    }

    /// <inheritdoc />
    public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        var count = _firstMoment.Length;
        if (offset < 0 || offset > count - parameters.Length || updated.Length != parameters.Length || gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"a range of {count} parameters with as many updated parameters and gradients, got offset {offset} and {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        var c = _coefficients;
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var u = ref MemoryMarshal.GetReference(updated);
        ref var g = ref MemoryMarshal.GetReference(gradients);
        ref var m = ref MemoryMarshal.GetReference(_firstMoment.AsSpan(offset, parameters.Length));
        ref var v = ref MemoryMarshal.GetReference(_secondMoment.AsSpan(offset, parameters.Length));
        var n = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated)
        {
            var width = (nuint)Vector<double>.Count;
            var low = new Vector<double>(-clip);
            var high = new Vector<double>(clip);
            var beta1 = new Vector<double>(c.Beta1);
            var oneMinusBeta1 = new Vector<double>(c.OneMinusBeta1);
            var beta2 = new Vector<double>(c.Beta2);
            var oneMinusBeta2 = new Vector<double>(c.OneMinusBeta2);
            var rootBias2 = new Vector<double>(c.RootBias2);
            var epsilon = new Vector<double>(c.Epsilon);
            var stepSize = new Vector<double>(c.StepSize);
            var shrink = new Vector<double>(c.Shrink);
            for (; i + width <= n; i += width)
            {
                var gradient = Vector.Min(Vector.Max(Vector.LoadUnsafe(ref g, i), low), high);
                var first = (beta1 * Vector.LoadUnsafe(ref m, i)) + (oneMinusBeta1 * gradient);
                var second = (beta2 * Vector.LoadUnsafe(ref v, i)) + (oneMinusBeta2 * (gradient * gradient));
                first.StoreUnsafe(ref m, i);
                second.StoreUnsafe(ref v, i);
                var denominator = (Vector.SquareRoot(second) / rootBias2) + epsilon;
                ((Vector.LoadUnsafe(ref p, i) * shrink) - (stepSize * (first / denominator))).StoreUnsafe(ref u, i);
            }
        }

        for (; i < n; i++)
        {
            var gradient = Math.Min(Math.Max(Unsafe.Add(ref g, i), -clip), clip);
            Unsafe.Add(ref u, i) = StepOne(Unsafe.Add(ref p, i), gradient, ref Unsafe.Add(ref m, i), ref Unsafe.Add(ref v, i), in c);
        }
    }

    /// <summary>The scalar formula, operation for operation the vector loop's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StepOne(double parameter, double gradient, ref double firstMoment, ref double secondMoment, in Coefficients c)
    {
        var first = (c.Beta1 * firstMoment) + (c.OneMinusBeta1 * gradient);
        var second = (c.Beta2 * secondMoment) + (c.OneMinusBeta2 * (gradient * gradient));
        firstMoment = first;
        secondMoment = second;
        var denominator = (Math.Sqrt(second) / c.RootBias2) + c.Epsilon;
        return (parameter * c.Shrink) - (c.StepSize * (first / denominator));
    }

    private static void Check(AdamOptions options)
    {
        if (!(options.Eta > 0))
        {
            throw new PluginInputException($"eta must be > 0, was {PluginSettings.Format(options.Eta)}");
        }

        if (!(options.Beta1 is >= 0 and < 1))
        {
            throw new PluginInputException($"beta1 must be >= 0 and < 1, was {PluginSettings.Format(options.Beta1)}");
        }

        if (!(options.Beta2 is >= 0 and < 1))
        {
            throw new PluginInputException($"beta2 must be >= 0 and < 1, was {PluginSettings.Format(options.Beta2)}");
        }

        if (!(options.Epsilon > 0))
        {
            throw new PluginInputException($"epsilon must be > 0, was {PluginSettings.Format(options.Epsilon)}");
        }

        if (!(options.WeightDecay >= 0 && double.IsFinite(options.WeightDecay)))
        {
            throw new PluginInputException($"weightDecay must be >= 0, was {PluginSettings.Format(options.WeightDecay)}");
        }
    }

    /// <summary>The numbers one step shares across elements, computed once per step.</summary>
    private readonly struct Coefficients
    {
        public Coefficients(AdamOptions options, double learningRate, double t)
        {
            Beta1 = options.Beta1;
            OneMinusBeta1 = 1 - options.Beta1;
            Beta2 = options.Beta2;
            OneMinusBeta2 = 1 - options.Beta2;
            Epsilon = options.Epsilon;
            StepSize = learningRate / (1 - Math.Pow(options.Beta1, t));
            RootBias2 = Math.Sqrt(1 - Math.Pow(options.Beta2, t));
            Shrink = 1 - (learningRate * options.WeightDecay);
        }

        public double Beta1 { get; }

        public double OneMinusBeta1 { get; }

        public double Beta2 { get; }

        public double OneMinusBeta2 { get; }

        public double Epsilon { get; }

        /// <summary>eta / (1 - beta1^t): the learning rate with the first moment's bias correction.</summary>
        public double StepSize { get; }

        /// <summary>sqrt(1 - beta2^t): sqrt(v) / this is sqrt(vhat).</summary>
        public double RootBias2 { get; }

        /// <summary>1 - eta lambda, the decoupled weight decay's factor; exactly 1 without decay.</summary>
        public double Shrink { get; }
    }
}
