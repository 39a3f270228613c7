using System.Globalization;
using System.Numerics;
using RnnTui.Contracts;

namespace MyOptimizer;

/// <summary>
/// The optimizer itself. The rules rnntui relies on (docs/plugins.md in the rnntui repository explains each):
/// <list type="bullet">
/// <item><description>Step is called on the training thread, once per update; it must not allocate.</description></item>
/// <item><description>Everything that changes between steps lives in <see cref="State"/>: checkpoints save those
/// buffers and a resume writes them back, so their names and lengths never change.</description></item>
/// <item><description>Only <see cref="PluginInputException"/> (bad settings) may leave Create.</description></item>
/// </list>
/// </summary>
public sealed class MyOptimizerStep : IClippingOptimizer, ILearningRateOptimizer
{
    private readonly double[] _velocity;
    private readonly MyOptimizerOptions _options;
    private double _learningRate;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters, its velocity at zero.</summary>
    public MyOptimizerStep(int parameterCount, MyOptimizerOptions options)
    {
        _options = options;
        _learningRate = options.Eta;
        _velocity = new double[parameterCount];
        State = [new OptimizerBuffer("velocity", _velocity)];
    }

    /// <summary>Shown in the Run pane and written to run.json.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"eta={_options.Eta}, momentum={_options.Momentum}");

    /// <summary>Set by rnntui's learning-rate schedules (--lr-schedule, --lr-warmup) before each step.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value is >= 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The buffers a checkpoint saves and a resume restores.</summary>
    public IReadOnlyList<OptimizerBuffer> State { get; }

    /// <summary>One step in place, the gradient unclipped.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) =>
        Step(parameters, parameters, gradients, double.PositiveInfinity);

    /// <summary>
    /// One step from <paramref name="parameters"/> into <paramref name="updated"/> (the same buffer, or another one:
    /// rnntui keeps the last good parameters when a step fails), clipping each gradient element to [-clip, clip] as
    /// it is read. The vector loop and the scalar tail do the same operations in the same order, so every element
    /// gets the same number whichever path computes it.
    /// </summary>
    public void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
    {
        if (parameters.Length != _velocity.Length || updated.Length != _velocity.Length || gradients.Length != _velocity.Length)
        {
            throw new ArgumentException($"expected {_velocity.Length} parameters, updated parameters and gradients");
        }

        var eta = _learningRate;
        var mu = _options.Momentum;
        var velocity = _velocity.AsSpan();
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vEta = new Vector<double>(eta);
            var vMu = new Vector<double>(mu);
            var low = new Vector<double>(-clip);
            var high = new Vector<double>(clip);
            for (; i <= parameters.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var g = Vector.Min(Vector.Max(new Vector<double>(gradients[i..]), low), high);
                var v = (vMu * new Vector<double>(velocity[i..])) + g;
                v.CopyTo(velocity[i..]);
                (new Vector<double>(parameters[i..]) - (vEta * v)).CopyTo(updated[i..]);
            }
        }

        for (; i < parameters.Length; i++)
        {
            var g = Math.Min(Math.Max(gradients[i], -clip), clip);
            velocity[i] = (mu * velocity[i]) + g;
            updated[i] = parameters[i] - (eta * velocity[i]);
        }
    }
}
