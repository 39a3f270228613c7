using System.Runtime.Intrinsics;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The float64 kernel with batches: <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/> on the host's parameters and
/// gradients in place; the single-sequence methods are <see cref="SimdKernel"/>'s, unchanged.
/// </summary>
internal sealed class SimdBatchedKernel : SimdBatchedKernelBase<double>
{
    public SimdBatchedKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize)
        : this(shape, maxSequenceLength, maxBatchSize, WidestVectors)
    {
    }

    /// <summary>A kernel with a chosen vector width, so that tests can hold the widths against each other.</summary>
    internal SimdBatchedKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, VectorWidth width)
        : base(new SimdKernel(shape, maxSequenceLength), new SimdBatchedComputation<double>(shape, maxSequenceLength, maxBatchSize, width))
    {
    }

    /// <summary>512-bit vectors where the processor accelerates them, else 256-bit ones.</summary>
    internal static VectorWidth WidestVectors => Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : VectorWidth.Bits256;

    public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
        return Batched.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients);
    }
}
