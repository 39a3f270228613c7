using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// What the float64 and float32 batched kernels share: the single-sequence methods handed to the unchanged
/// single-sequence kernel, and the batched computation's sizes. Each adds its own <see cref="ForwardBackwardBatch"/>.
/// </summary>
/// <typeparam name="T">The element type the batched computation works in.</typeparam>
internal abstract class SimdBatchedKernelBase<T>(IRnnKernel single, SimdBatchedComputation<T> batched) : IBatchedRnnKernel
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The batched computation, in <typeparamref name="T"/>.</summary>
    protected SimdBatchedComputation<T> Batched => batched;

    public RnnShape Shape => single.Shape;

    public int MaxSequenceLength => single.MaxSequenceLength;

    public int MaxBatchSize => batched.MaxBatchSize;

    /// <inheritdoc />
    public string ElementType => single.ElementType;

    /// <summary>The widest vectors the batched products use.</summary>
    internal VectorWidth Width => batched.Width;

    public abstract double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients);

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        single.ForwardBackward(parameters, inputs, targets, hidden, gradients);

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        single.Loss(parameters, inputs, targets, hidden);

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        single.Step(parameters, input, hidden, scores);

    public void Dispose() => single.Dispose();
}
