using System.Diagnostics;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// The validation loss: the held-out text (up to <c>Training:ValidationLength</c> characters from its start) read as
/// consecutive sequences of seq_length characters from h = 0, h carried from one to the next, each scored with the
/// kernel's forward-only <see cref="IRnnKernel.Loss"/>. Its buffers are made once; an evaluation allocates nothing.
/// </summary>
internal sealed class ValidationLoss
{
    private readonly IRnnKernel _kernel;
    private readonly int[] _text;
    private readonly int _sequenceLength;
    private readonly double[] _hidden;

    public ValidationLoss(IRnnKernel kernel, int[] heldOut, int maxLength, int sequenceLength, int hiddenSize)
    {
        _kernel = kernel;
        _text = maxLength > 0 && heldOut.Length > maxLength ? heldOut[..maxLength] : heldOut;
        _sequenceLength = sequenceLength;
        _hidden = new double[hiddenSize];
        Sequences = (_text.Length - 1) / sequenceLength;
    }

    /// <summary>How many sequences an evaluation reads.</summary>
    public int Sequences { get; }

    /// <summary>Characters an evaluation predicts.</summary>
    public int Characters => Sequences * _sequenceLength;

    /// <summary>The mean loss per sequence over the held-out sequences, for these parameters.</summary>
    public double Evaluate(ReadOnlySpan<double> parameters)
    {
        Array.Clear(_hidden);
        var sum = 0.0;
        for (var i = 0; i < Sequences; i++)
        {
            var start = i * _sequenceLength;
            sum += _kernel.Loss(parameters, _text.AsSpan(start, _sequenceLength), _text.AsSpan(start + 1, _sequenceLength), _hidden);
        }

        return sum / Sequences;
    }

    /// <summary>Evaluates after update <paramref name="step"/> and folds the result into <paramref name="previous"/>, timing it.</summary>
    public ValidationResult Evaluate(ReadOnlySpan<double> parameters, long step, ValidationResult previous)
    {
        var started = Stopwatch.GetTimestamp();
        var loss = Evaluate(parameters);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var improved = loss < previous.BestLoss;
        return new ValidationResult(loss, loss / _sequenceLength, step, milliseconds, improved ? loss : previous.BestLoss, improved ? step : previous.BestStep);
    }
}
