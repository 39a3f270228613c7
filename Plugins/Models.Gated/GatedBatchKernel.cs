using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// A gated model's kernel on a backend's matrix products (<see cref="GatedBatch{T}"/>), batched, in float64 or
/// float32. Every method runs the batched computation, one sequence being a batch of one. In float32, each call rounds
/// the parameters and the states to float32 and widens the gradients and states back; the host keeps float64.
/// </summary>
internal sealed class GatedBatchKernel<T> : IBatchedRnnKernel, IDropoutKernel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GatedBatch<T> _batch;
    private readonly T[] _parameters;
    private readonly T[] _gradients;
    private readonly T[] _states;
    private readonly T[] _scores;

    public GatedBatchKernel(GatedBatch<T> batch)
    {
        _batch = batch;
        var shape = batch.Shape;
        var converts = typeof(T) != typeof(double);
        _parameters = converts ? new T[shape.ParameterCount] : [];
        _gradients = converts ? new T[shape.ParameterCount] : [];
        _states = converts ? new T[batch.MaxBatchSize * shape.StateSize] : [];
        _scores = converts ? new T[shape.VocabularySize] : [];
    }

    public RnnShape Shape => _batch.Shape;

    public int MaxSequenceLength => _batch.MaxSequenceLength;

    public int MaxBatchSize => _batch.MaxBatchSize;

    public string ElementType => typeof(T) == typeof(double) ? "f64" : "f32";

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);
        return Run(parameters, 1, inputs, targets, hidden, gradients, dropping: true);
    }

    public double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
        return Run(parameters, batchSize, inputs, targets, hidden, gradients, dropping: true);
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        return Run(parameters, 1, inputs, targets, hidden, [], dropping: false);
    }

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        var states = States(hidden);
        if (typeof(T) == typeof(double))
        {
            _batch.Step(Cast(parameters), input, states, MemoryMarshal.Cast<double, T>(scores));
            return;
        }

        _batch.Step(Parameters(parameters), input, states, _scores);
        TensorPrimitives.ConvertTruncating<T, double>(_scores, scores);
        TensorPrimitives.ConvertTruncating<T, double>(states, hidden);
    }

    public void BeginUpdate(ulong seed) => _batch.Reseed(seed);

    public void Dispose()
    {
        // Nothing to release: every workspace is managed memory.
    }

    private double Run(ReadOnlySpan<double> parameters, int batch, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients, bool dropping)
    {
        if (typeof(T) == typeof(double))
        {
            return _batch.Run(Cast(parameters), batch, inputs, targets, MemoryMarshal.Cast<double, T>(hidden), MemoryMarshal.Cast<double, T>(gradients), dropping);
        }

        var states = States(hidden);
        var ours = gradients.IsEmpty ? [] : _gradients.AsSpan();
        var loss = _batch.Run(Parameters(parameters), batch, inputs, targets, states, ours, dropping);
        if (!gradients.IsEmpty)
        {
            TensorPrimitives.ConvertTruncating<T, double>(ours, gradients);
        }

        TensorPrimitives.ConvertTruncating<T, double>(states, hidden);
        return loss;
    }

    private static ReadOnlySpan<T> Cast(ReadOnlySpan<double> values) => MemoryMarshal.Cast<double, T>(values);

    /// <summary>The float32 copy of the parameters.</summary>
    private ReadOnlySpan<T> Parameters(ReadOnlySpan<double> parameters)
    {
        TensorPrimitives.ConvertTruncating<double, T>(parameters, _parameters);
        return _parameters;
    }

    /// <summary>The states in <typeparamref name="T"/>: the caller's own in float64, else a float32 copy of them.</summary>
    private Span<T> States(Span<double> hidden)
    {
        if (typeof(T) == typeof(double))
        {
            return MemoryMarshal.Cast<double, T>(hidden);
        }

        var states = _states.AsSpan(0, hidden.Length);
        TensorPrimitives.ConvertTruncating<double, T>(hidden, states);
        return states;
    }
}
