using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnTui.Contracts;

namespace RnnTui.Optimizers.AdaGrad;

/// <summary>
/// AdaGrad: G += g^2; theta -= eta * g / sqrt(G + epsilon), element by element.
/// The loop is vectorized without fused multiply-add, so it gives exactly the numbers of the scalar formula. It clips
/// the gradient as it reads it when asked (<see cref="IClippingOptimizer"/>), and updates any range of the parameters
/// on its own (<see cref="IRangeOptimizer"/>).
/// </summary>
public sealed class AdaGradOptimizer : IRangeOptimizer, ILearningRateOptimizer
{
    private readonly double[] _sumSquares;
    private readonly AdaGradOptions _options;
    private double _learningRate;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters, its sums at zero.</summary>
    public AdaGradOptimizer(int parameterCount, AdaGradOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (!(options.Eta > 0))
        {
            throw new PluginInputException($"eta must be > 0, was {PluginSettings.Format(options.Eta)}");
        }

        if (!(options.Epsilon > 0))
        {
            throw new PluginInputException($"epsilon must be > 0, was {PluginSettings.Format(options.Epsilon)}");
        }

        _options = options;
        _learningRate = options.Eta;
        _sumSquares = new double[parameterCount];
        State = [new OptimizerBuffer("sumSquares", _sumSquares)];
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"eta={_options.Eta}, epsilon={_options.Epsilon}");

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
        if (parameters.Length != _sumSquares.Length || updated.Length != _sumSquares.Length || gradients.Length != _sumSquares.Length)
        {
            throw new ArgumentException($"expected {_sumSquares.Length} parameters, updated parameters and gradients, got {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        BeginStep();
        StepRange(0, parameters, updated, gradients, clip);
    }

    /// <inheritdoc />
    /// <remarks>AdaGrad's update shares nothing across the parameters but the learning rate.</remarks>
    public void BeginStep()
    {
    }

    /// <inheritdoc />
    public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        if (offset < 0 || offset > _sumSquares.Length - parameters.Length || updated.Length != parameters.Length || gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"a range of {_sumSquares.Length} parameters with as many updated parameters and gradients, got offset {offset} and {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var u = ref MemoryMarshal.GetReference(updated);
        var inPlace = Unsafe.AreSame(ref p, ref u);
        ref var g = ref MemoryMarshal.GetReference(gradients);
        ref var s = ref MemoryMarshal.GetReference(_sumSquares.AsSpan(offset, parameters.Length));
        var eta = _learningRate;
        var epsilon = _options.Epsilon;
        var n = (nuint)parameters.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated)
        {
            var vEta = Vector512.Create(eta);
            var vEps = Vector512.Create(epsilon);
            var low = Vector512.Create(-clip);
            var high = Vector512.Create(clip);
            for (; i + (nuint)Vector512<double>.Count <= n; i += (nuint)Vector512<double>.Count)
            {
                var vg = Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref g, i), low), high);
                if (vg == Vector512<double>.Zero)
                {
                    // Nothing changes; skipping saves a square root and a division.
                    if (!inPlace)
                    {
                        Vector512.LoadUnsafe(ref p, i).StoreUnsafe(ref u, i);
                    }

                    continue;
                }

                var vs = Vector512.LoadUnsafe(ref s, i) + (vg * vg);
                vs.StoreUnsafe(ref s, i);
                (Vector512.LoadUnsafe(ref p, i) - (vEta * vg / Vector512.Sqrt(vs + vEps))).StoreUnsafe(ref u, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vEta = Vector256.Create(eta);
            var vEps = Vector256.Create(epsilon);
            var low = Vector256.Create(-clip);
            var high = Vector256.Create(clip);
            for (; i + (nuint)Vector256<double>.Count <= n; i += (nuint)Vector256<double>.Count)
            {
                var vg = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref g, i), low), high);
                if (vg == Vector256<double>.Zero)
                {
                    // Nothing changes; skipping saves a square root and a division.
                    if (!inPlace)
                    {
                        Vector256.LoadUnsafe(ref p, i).StoreUnsafe(ref u, i);
                    }

                    continue;
                }

                var vs = Vector256.LoadUnsafe(ref s, i) + (vg * vg);
                vs.StoreUnsafe(ref s, i);
                (Vector256.LoadUnsafe(ref p, i) - (vEta * vg / Vector256.Sqrt(vs + vEps))).StoreUnsafe(ref u, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref u, i) = StepOne(Unsafe.Add(ref p, i), Math.Min(Math.Max(Unsafe.Add(ref g, i), -clip), clip), ref Unsafe.Add(ref s, i), eta, epsilon);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StepOne(double parameter, double gradient, ref double sumSquares, double eta, double epsilon)
    {
        sumSquares += gradient * gradient;
        return parameter - (eta * gradient / Math.Sqrt(sumSquares + epsilon));
    }
}
