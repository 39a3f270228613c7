using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>The float64 kernel: the host's parameters and gradients are used in place, with no copy.</summary>
internal sealed class SimdKernel : IRnnKernel
{
    private readonly SimdComputation<double> _computation;

    public SimdKernel(RnnShape shape, int maxSequenceLength)
    {
        _computation = new SimdComputation<double>(shape, maxSequenceLength);
    }

    public RnnShape Shape => _computation.Shape;

    public int MaxSequenceLength => _computation.MaxSequenceLength;

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);
        return _computation.ForwardBackward(parameters, inputs, targets, hidden, gradients);
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        return _computation.Loss(parameters, inputs, targets, hidden);
    }

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        _computation.Step(parameters, input, hidden, scores);
    }

    public void Dispose()
    {
    }
}
