using System.Diagnostics;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>Passes every call to a kernel and adds up the time its forward-backward passes take, for benchmarks.</summary>
internal sealed class TimingKernel(IRnnKernel inner) : DelegatingKernel(inner)
{
    /// <summary>Total time spent in <see cref="ForwardBackward"/>.</summary>
    public TimeSpan ForwardBackwardTime { get; private set; }

    /// <summary>Calls of <see cref="ForwardBackward"/>.</summary>
    public long ForwardBackwardCalls { get; private set; }

    public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var start = Stopwatch.GetTimestamp();
        var loss = Inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        ForwardBackwardTime += Stopwatch.GetElapsedTime(start);
        ForwardBackwardCalls++;
        return loss;
    }

    public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var start = Stopwatch.GetTimestamp();
        var loss = Inner is IBatchedRnnKernel batched
            ? batched.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients)
            : throw new NotSupportedException("the inner kernel is not batched");
        ForwardBackwardTime += Stopwatch.GetElapsedTime(start);
        ForwardBackwardCalls++;
        return loss;
    }

    public void Reset()
    {
        ForwardBackwardTime = TimeSpan.Zero;
        ForwardBackwardCalls = 0;
    }
}
