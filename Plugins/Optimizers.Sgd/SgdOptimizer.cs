using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnTui.Contracts;

namespace RnnTui.Optimizers.Sgd;

/// <summary>
/// SGD with momentum in the PyTorch form: v = mu v + g; theta -= eta v. With Nesterov momentum the step looks ahead
/// along the new velocity: v = mu v + g; theta -= eta (g + mu v), the form PyTorch uses (Bengio et al., 2012).
/// With mu = 0 it is theta -= eta g and keeps no velocity. Vectorized without fused multiply-add, so it gives exactly
/// the scalar formula's numbers. It clips the gradient as it reads it when asked (<see cref="IClippingOptimizer"/>).
/// </summary>
public sealed class SgdOptimizer : IRangeOptimizer, ILearningRateOptimizer
{
    private readonly double[] _velocity;
    private readonly SgdOptions _options;
    private double _learningRate;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters, its velocity at zero.</summary>
    public SgdOptimizer(int parameterCount, SgdOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (!(options.Eta > 0))
        {
            throw new PluginInputException($"eta must be > 0, was {PluginSettings.Format(options.Eta)}");
        }

        if (!(options.Momentum is >= 0 and < 1))
        {
            throw new PluginInputException($"momentum must be >= 0 and < 1, was {PluginSettings.Format(options.Momentum)}");
        }

        if (options.Nesterov && options.Momentum == 0)
        {
            throw new PluginInputException("nesterov needs momentum > 0, but momentum is 0");
        }

        _options = options;
        _learningRate = options.Eta;
        _velocity = options.Momentum > 0 ? new double[parameterCount] : [];
        State = options.Momentum > 0 ? [new OptimizerBuffer("velocity", _velocity)] : [];
        ParameterCount = parameterCount;
    }

    private int ParameterCount { get; }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"eta={_options.Eta}, momentum={_options.Momentum}, nesterov={(_options.Nesterov ? "true" : "false")}");

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
        if (parameters.Length != ParameterCount || updated.Length != ParameterCount || gradients.Length != ParameterCount)
        {
            throw new ArgumentException($"expected {ParameterCount} parameters, updated parameters and gradients, got {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        BeginStep();
        StepRange(0, parameters, updated, gradients, clip);
    }

    /// <inheritdoc />
    /// <remarks>SGD's update shares nothing across the parameters but its hyperparameters.</remarks>
    public void BeginStep()
    {
    }

    /// <inheritdoc />
    public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        if (offset < 0 || offset > ParameterCount - parameters.Length || updated.Length != parameters.Length || gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"a range of {ParameterCount} parameters with as many updated parameters and gradients, got offset {offset} and {parameters.Length}, {updated.Length} and {gradients.Length}");
        }

        if (_options.Momentum > 0)
        {
            StepWithMomentum(_velocity.AsSpan(offset, parameters.Length), parameters, updated, gradients, clip);
        }
        else
        {
            StepPlain(parameters, updated, gradients, clip);
        }
    }

    private void StepPlain(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var u = ref MemoryMarshal.GetReference(updated);
        ref var g = ref MemoryMarshal.GetReference(gradients);
        var eta = _learningRate;
        var n = (nuint)parameters.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vEta = Vector256.Create(eta);
            var low = Vector256.Create(-clip);
            var high = Vector256.Create(clip);
            for (; i + (nuint)Vector256<double>.Count <= n; i += (nuint)Vector256<double>.Count)
            {
                var vg = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref g, i), low), high);
                (Vector256.LoadUnsafe(ref p, i) - (vEta * vg)).StoreUnsafe(ref u, i);
            }
        }

        for (; i < n; i++)
        {
            updated[(int)i] = parameters[(int)i] - (eta * Clamp(gradients[(int)i], clip));
        }
    }

    private void StepWithMomentum(Span<double> velocities, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var u = ref MemoryMarshal.GetReference(updated);
        ref var g = ref MemoryMarshal.GetReference(gradients);
        ref var v = ref MemoryMarshal.GetReference(velocities);
        var eta = _learningRate;
        var mu = _options.Momentum;
        var nesterov = _options.Nesterov;
        var n = (nuint)parameters.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vEta = Vector256.Create(eta);
            var vMu = Vector256.Create(mu);
            var low = Vector256.Create(-clip);
            var high = Vector256.Create(clip);
            for (; i + (nuint)Vector256<double>.Count <= n; i += (nuint)Vector256<double>.Count)
            {
                var vg = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref g, i), low), high);
                var vv = (vMu * Vector256.LoadUnsafe(ref v, i)) + vg;
                vv.StoreUnsafe(ref v, i);
                var direction = nesterov ? vg + (vMu * vv) : vv;
                (Vector256.LoadUnsafe(ref p, i) - (vEta * direction)).StoreUnsafe(ref u, i);
            }
        }

        for (; i < n; i++)
        {
            var gradient = Clamp(gradients[(int)i], clip);
            var velocity = (mu * velocities[(int)i]) + gradient;
            velocities[(int)i] = velocity;
            var direction = nesterov ? gradient + (mu * velocity) : velocity;
            updated[(int)i] = parameters[(int)i] - (eta * direction);
        }
    }

    private static double Clamp(double gradient, double clip) => Math.Min(Math.Max(gradient, -clip), clip);
}
