using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The float32 kernel: the host keeps its parameters, optimizer and checkpoints in float64; each call rounds the
/// parameters and the hidden state to float32, computes in float32 (eight lanes per vector, half the bytes through
/// the caches) and widens the gradients and the hidden state back, exactly.
/// </summary>
internal sealed class SimdSingleKernel : IRnnKernel
{
    private readonly SimdComputation<float> _computation;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _hidden;
    private readonly float[] _scores;

    public SimdSingleKernel(RnnShape shape, int maxSequenceLength)
    {
        _computation = new SimdComputation<float>(shape, maxSequenceLength);
        _parameters = new float[shape.ParameterCount];
        _gradients = new float[shape.ParameterCount];
        _hidden = new float[shape.HiddenSize];
        _scores = new float[shape.VocabularySize];
    }

    public RnnShape Shape => _computation.Shape;

    public int MaxSequenceLength => _computation.MaxSequenceLength;

    /// <inheritdoc />
    public string ElementType => "f32";

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);
        Narrow(parameters, hidden);
        var loss = _computation.ForwardBackward(_parameters, inputs, targets, _hidden, _gradients);
        TensorPrimitives.ConvertTruncating<float, double>(_gradients, gradients);
        TensorPrimitives.ConvertTruncating<float, double>(_hidden, hidden);
        return loss;
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        Narrow(parameters, hidden);
        var loss = _computation.Loss(_parameters, inputs, targets, _hidden);
        TensorPrimitives.ConvertTruncating<float, double>(_hidden, hidden);
        return loss;
    }

    /// <remarks>Rounds all the parameters on every call: sampling, a character at a time, is not where the time goes.</remarks>
    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        Narrow(parameters, hidden);
        _computation.Step(_parameters, input, _hidden, _scores);
        TensorPrimitives.ConvertTruncating<float, double>(_hidden, hidden);
        TensorPrimitives.ConvertTruncating<float, double>(_scores, scores);
    }

    public void Dispose()
    {
    }

    private void Narrow(ReadOnlySpan<double> parameters, ReadOnlySpan<double> hidden)
    {
        TensorPrimitives.ConvertTruncating<double, float>(parameters, _parameters);
        TensorPrimitives.ConvertTruncating<double, float>(hidden, _hidden);
    }
}
