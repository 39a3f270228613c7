using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>A kernel that passes every call to another; derived kernels observe or alter one call (timing, tests).</summary>
internal abstract class DelegatingKernel(IRnnKernel inner) : IRnnKernel
{
    protected IRnnKernel Inner => inner;

    public RnnShape Shape => inner.Shape;

    public int MaxSequenceLength => inner.MaxSequenceLength;

    public string ElementType => inner.ElementType;

    public virtual double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);

    public virtual double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        inner.Loss(parameters, inputs, targets, hidden);

    public virtual void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        inner.Step(parameters, input, hidden, scores);

    public void Dispose() => inner.Dispose();
}
