using System.Diagnostics;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>Passes every call to a kernel and adds up the time its forward-backward passes take, for benchmarks.</summary>
internal sealed class TimingKernel(IRnnKernel inner) : IRnnKernel
{
    /// <summary>Total time spent in <see cref="ForwardBackward"/>.</summary>
    public TimeSpan ForwardBackwardTime { get; private set; }

    /// <summary>Calls of <see cref="ForwardBackward"/>.</summary>
    public long ForwardBackwardCalls { get; private set; }

    public RnnShape Shape => inner.Shape;

    public int MaxSequenceLength => inner.MaxSequenceLength;

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var start = Stopwatch.GetTimestamp();
        var loss = inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        ForwardBackwardTime += Stopwatch.GetElapsedTime(start);
        ForwardBackwardCalls++;
        return loss;
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        inner.Loss(parameters, inputs, targets, hidden);

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        inner.Step(parameters, input, hidden, scores);

    public void Reset()
    {
        ForwardBackwardTime = TimeSpan.Zero;
        ForwardBackwardCalls = 0;
    }

    public void Dispose() => inner.Dispose();
}
