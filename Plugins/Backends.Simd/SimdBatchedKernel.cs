using System.Runtime.Intrinsics;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The float64 kernel with batches: <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/> on the host's parameters and
/// gradients in place; the single-sequence methods are <see cref="SimdKernel"/>'s, unchanged.
/// </summary>
internal sealed class SimdBatchedKernel : IBatchedRnnKernel
{
    private readonly SimdKernel _single;
    private readonly SimdBatchedComputation<double> _batched;

    public SimdBatchedKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize)
        : this(shape, maxSequenceLength, maxBatchSize, WidestVectors)
    {
    }

    /// <summary>A kernel with a chosen vector width, so that tests can hold the widths against each other.</summary>
    internal SimdBatchedKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, VectorWidth width)
    {
        _single = new SimdKernel(shape, maxSequenceLength);
        _batched = new SimdBatchedComputation<double>(shape, maxSequenceLength, maxBatchSize, width);
    }

    /// <summary>512-bit vectors where the processor accelerates them, else 256-bit ones.</summary>
    internal static VectorWidth WidestVectors => Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : VectorWidth.Bits256;

    public RnnShape Shape => _single.Shape;

    public int MaxSequenceLength => _single.MaxSequenceLength;

    public int MaxBatchSize => _batched.MaxBatchSize;

    /// <summary>The widest vectors the batched products use.</summary>
    internal VectorWidth Width => _batched.Width;

    public double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
        return _batched.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients);
    }

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        _single.ForwardBackward(parameters, inputs, targets, hidden, gradients);

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        _single.Loss(parameters, inputs, targets, hidden);

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        _single.Step(parameters, input, hidden, scores);

    public void Dispose() => _single.Dispose();
}
