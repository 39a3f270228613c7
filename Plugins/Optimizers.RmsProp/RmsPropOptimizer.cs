using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RnnTui.Contracts;

namespace RnnTui.Optimizers.RmsProp;

/// <summary>
/// RMSProp (Hinton's lecture 6e), element by element:
/// <code>
/// s = rho s + (1 - rho) g^2
/// d = sqrt(s) + epsilon                      centred: a = rho a + (1 - rho) g; d = sqrt(max(s - a^2, 0)) + epsilon
/// theta -= eta (g / d)                       with momentum: b = mu b + g / d; theta -= eta b
/// </code>
/// Epsilon is added outside the square root, as PyTorch and Keras do. The centred variance s - a^2 is never negative
/// in exact arithmetic; it is floored at 0 so that rounding cannot take the square root of a negative number.
/// The loop runs over <see cref="Vector{T}"/> with a scalar tail doing the same operations in the same order, without
/// fused multiply-add, so every element gets the scalar formula's number whatever its position.
/// </summary>
public sealed class RmsPropOptimizer : IRangeOptimizer, ILearningRateOptimizer
{
    private readonly double[] _meanSquare;
    private readonly double[] _meanGradient;
    private readonly double[] _velocity;
    private readonly RmsPropOptions _options;
    private double _learningRate;

    /// <summary>
    /// Creates the optimizer for <paramref name="parameterCount"/> parameters, its running means (and velocity) at zero.
    /// Its state is <c>meanSquare</c>, then <c>meanGradient</c> when centred, then <c>velocity</c> with momentum.
    /// </summary>
    /// <exception cref="PluginInputException">A hyperparameter is out of range; the message names it and its value.</exception>
    public RmsPropOptimizer(int parameterCount, RmsPropOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        Check(options);
        _options = options;
        _learningRate = options.Eta;
        _meanSquare = new double[parameterCount];
        _meanGradient = options.Centered ? new double[parameterCount] : [];
        _velocity = options.Momentum > 0 ? new double[parameterCount] : [];
        List<OptimizerBuffer> state = [new OptimizerBuffer("meanSquare", _meanSquare)];
        if (options.Centered)
        {
            state.Add(new OptimizerBuffer("meanGradient", _meanGradient));
        }

        if (options.Momentum > 0)
        {
            state.Add(new OptimizerBuffer("velocity", _velocity));
        }

        State = state;
    }

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"eta={_options.Eta}, rho={_options.Rho}, epsilon={_options.Epsilon}, momentum={_options.Momentum}, centered={(_options.Centered ? "true" : "false")}");

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
        var count = _meanSquare.Length;
        if (parameters.Length != count || updated.Length != count || gradients.Length != count)
        {
            throw new ArgumentException($"expected {count} parameters, updated parameters and gradients, got {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        BeginStep();
        StepRange(0, parameters, updated, gradients, clip);
    }

    /// <inheritdoc />
    /// <remarks>RMSprop's update shares nothing across the parameters but its hyperparameters.</remarks>
    public void BeginStep()
    {
    }

    /// <inheritdoc />
    public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        var count = _meanSquare.Length;
        if (offset < 0 || offset > count - parameters.Length || updated.Length != parameters.Length || gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"a range of {count} parameters with as many updated parameters and gradients, got offset {offset} and {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        var c = new Coefficients(_options, _learningRate);
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var u = ref MemoryMarshal.GetReference(updated);
        ref var g = ref MemoryMarshal.GetReference(gradients);
        ref var s = ref MemoryMarshal.GetReference(_meanSquare.AsSpan(offset, parameters.Length));

        // Empty when the variant keeps no such buffer: their references are never read.
        ref var a = ref MemoryMarshal.GetReference(Range(_meanGradient, offset, parameters.Length));
        ref var b = ref MemoryMarshal.GetReference(Range(_velocity, offset, parameters.Length));
        var centered = _options.Centered;
        var momentum = _options.Momentum > 0;
        var n = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector.IsHardwareAccelerated)
        {
            var width = (nuint)Vector<double>.Count;
            var low = new Vector<double>(-clip);
            var high = new Vector<double>(clip);
            var rho = new Vector<double>(c.Rho);
            var oneMinusRho = new Vector<double>(c.OneMinusRho);
            var epsilon = new Vector<double>(c.Epsilon);
            var mu = new Vector<double>(c.Mu);
            var eta = new Vector<double>(c.Eta);
            for (; i + width <= n; i += width)
            {
                var gradient = Vector.Min(Vector.Max(Vector.LoadUnsafe(ref g, i), low), high);
                var meanSquare = (rho * Vector.LoadUnsafe(ref s, i)) + (oneMinusRho * (gradient * gradient));
                meanSquare.StoreUnsafe(ref s, i);
                Vector<double> root;
                if (centered)
                {
                    var meanGradient = (rho * Vector.LoadUnsafe(ref a, i)) + (oneMinusRho * gradient);
                    meanGradient.StoreUnsafe(ref a, i);
                    root = Vector.SquareRoot(Vector.Max(meanSquare - (meanGradient * meanGradient), Vector<double>.Zero));
                }
                else
                {
                    root = Vector.SquareRoot(meanSquare);
                }

                var scaled = gradient / (root + epsilon);
                if (momentum)
                {
                    var velocity = (mu * Vector.LoadUnsafe(ref b, i)) + scaled;
                    velocity.StoreUnsafe(ref b, i);
                    scaled = velocity;
                }

                (Vector.LoadUnsafe(ref p, i) - (eta * scaled)).StoreUnsafe(ref u, i);
            }
        }

        for (; i < n; i++)
        {
            var gradient = Math.Min(Math.Max(Unsafe.Add(ref g, i), -clip), clip);
            var meanSquare = (c.Rho * Unsafe.Add(ref s, i)) + (c.OneMinusRho * (gradient * gradient));
            Unsafe.Add(ref s, i) = meanSquare;
            double root;
            if (centered)
            {
                var meanGradient = (c.Rho * Unsafe.Add(ref a, i)) + (c.OneMinusRho * gradient);
                Unsafe.Add(ref a, i) = meanGradient;
                root = Math.Sqrt(Math.Max(meanSquare - (meanGradient * meanGradient), 0.0));
            }
            else
            {
                root = Math.Sqrt(meanSquare);
            }

            var scaled = gradient / (root + c.Epsilon);
            if (momentum)
            {
                var velocity = (c.Mu * Unsafe.Add(ref b, i)) + scaled;
                Unsafe.Add(ref b, i) = velocity;
                scaled = velocity;
            }

            Unsafe.Add(ref u, i) = Unsafe.Add(ref p, i) - (c.Eta * scaled);
        }
    }

    /// <summary>A range of a buffer the variant keeps, or an empty span for one it does not.</summary>
    private static Span<double> Range(double[] buffer, int offset, int length) => buffer.Length == 0 ? [] : buffer.AsSpan(offset, length);

    private static void Check(RmsPropOptions options)
    {
        if (!(options.Eta > 0))
        {
            throw new PluginInputException($"eta must be > 0, was {PluginSettings.Format(options.Eta)}");
        }

        if (!(options.Rho is >= 0 and < 1))
        {
            throw new PluginInputException($"rho must be >= 0 and < 1, was {PluginSettings.Format(options.Rho)}");
        }

        if (!(options.Epsilon > 0))
        {
            throw new PluginInputException($"epsilon must be > 0, was {PluginSettings.Format(options.Epsilon)}");
        }

        if (!(options.Momentum is >= 0 and < 1))
        {
            throw new PluginInputException($"momentum must be >= 0 and < 1, was {PluginSettings.Format(options.Momentum)}");
        }
    }

    /// <summary>The numbers one step shares across elements.</summary>
    private readonly record struct Coefficients(double Rho, double OneMinusRho, double Epsilon, double Mu, double Eta)
    {
        public Coefficients(RmsPropOptions options, double learningRate)
            : this(options.Rho, 1 - options.Rho, options.Epsilon, options.Momentum, learningRate)
        {
        }
    }
}
