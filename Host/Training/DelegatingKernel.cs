using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// A kernel that passes every call to another; derived kernels observe or alter one call (timing, tests). It passes
/// the batched interface through: <see cref="MaxBatchSize"/> is 0 when the inner kernel is not batched, and the trainer
/// then calls <see cref="ForwardBackward"/> once per sequence. It passes <see cref="IDropoutKernel.BeginUpdate"/> on too.
/// </summary>
internal abstract class DelegatingKernel(IRnnKernel inner) : IBatchedRnnKernel, IDropoutKernel
{
    protected IRnnKernel Inner => inner;

    public int MaxBatchSize => inner is IBatchedRnnKernel batched ? batched.MaxBatchSize : 0;

    public RnnShape Shape => inner.Shape;

    public int MaxSequenceLength => inner.MaxSequenceLength;

    public string ElementType => inner.ElementType;

    public virtual double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);

    public virtual double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        inner is IBatchedRnnKernel batched
            ? batched.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients)
            : throw new NotSupportedException("the inner kernel is not batched");

    public virtual double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        inner.Loss(parameters, inputs, targets, hidden);

    public virtual void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        inner.Step(parameters, input, hidden, scores);

    public void BeginUpdate(ulong seed) => (inner as IDropoutKernel)?.BeginUpdate(seed);

    public void Dispose() => inner.Dispose();
}
