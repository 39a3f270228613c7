using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The float32 kernel with batches: as <see cref="SimdSingleKernel"/> does for one sequence, each call rounds the
/// parameters and the hidden states to float32, computes in float32 and widens the gradients and the hidden states
/// back. The single-sequence methods are <see cref="SimdSingleKernel"/>'s, unchanged.
/// </summary>
internal sealed class SimdBatchedSingleKernel : SimdBatchedKernelBase<float>
{
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _hidden;

    public SimdBatchedSingleKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize)
        : this(shape, maxSequenceLength, maxBatchSize, SimdBatchedKernel.WidestVectors)
    {
    }

    /// <summary>A kernel with a chosen vector width, so that tests can hold the widths against each other.</summary>
    internal SimdBatchedSingleKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, VectorWidth width)
        : base(new SimdSingleKernel(shape, maxSequenceLength), new SimdBatchedComputation<float>(shape, maxSequenceLength, maxBatchSize, width))
    {
        _parameters = new float[shape.ParameterCount];
        _gradients = new float[shape.ParameterCount];
        _hidden = new float[maxBatchSize * shape.HiddenSize];
    }

    public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
        var states = _hidden.AsSpan(0, hidden.Length);
        TensorPrimitives.ConvertTruncating<double, float>(parameters, _parameters);
        TensorPrimitives.ConvertTruncating<double, float>(hidden, states);
        var loss = Batched.ForwardBackwardBatch(_parameters, batchSize, inputs, targets, states, _gradients);
        TensorPrimitives.ConvertTruncating<float, double>(_gradients, gradients);
        TensorPrimitives.ConvertTruncating<float, double>(states, hidden);
        return loss;
    }
}
