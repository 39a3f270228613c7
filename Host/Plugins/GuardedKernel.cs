using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>
/// A backend's kernel as the host holds it: whatever one of its methods throws becomes a <see cref="PluginException"/>
/// naming the backend and the method, so that a kernel failing in the gradient check, a sample or a command is one
/// line, never a crash. A try block costs nothing until something throws, and each call here does a whole sequence
/// or one character's step, so the guard does not show in the speed of training. It passes the batched interface
/// through: <see cref="MaxBatchSize"/> is the backend kernel's, or 0 when that kernel is not batched (the trainer
/// then calls <see cref="ForwardBackward"/> once per sequence), so wrapping never silently turns batching off; and it
/// passes <see cref="IDropoutKernel.BeginUpdate"/> to a kernel that drops out.
/// </summary>
internal sealed class GuardedKernel(PluginInfo backend, IRnnKernel inner, string elementType) : IBatchedRnnKernel, IDropoutKernel
{
    public RnnShape Shape { get; } = inner.Shape;

    public int MaxBatchSize { get; } = inner is IBatchedRnnKernel batched ? batched.MaxBatchSize : 0;

    public int MaxSequenceLength { get; } = inner.MaxSequenceLength;

    public string ElementType => elementType;

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        try
        {
            return inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(ForwardBackward), e);
        }
    }

    public double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        try
        {
            return inner is IBatchedRnnKernel batched
                ? batched.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients)
                : throw new NotSupportedException("the kernel is not batched");
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(ForwardBackwardBatch), e);
        }
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        try
        {
            return inner.Loss(parameters, inputs, targets, hidden);
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(Loss), e);
        }
    }

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        try
        {
            inner.Step(parameters, input, hidden, scores);
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(Step), e);
        }
    }

    public void BeginUpdate(ulong seed)
    {
        try
        {
            (inner as IDropoutKernel)?.BeginUpdate(seed);
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(BeginUpdate), e);
        }
    }

    public void Dispose()
    {
        try
        {
            inner.Dispose();
        }
        catch (Exception e) when (Caught(e))
        {
            throw Failure(nameof(Dispose), e);
        }
    }

    /// <summary>Cancellation and running out of memory are not the plugin's failures and pass through as they are.</summary>
    private static bool Caught(Exception e) => e is not (OperationCanceledException or OutOfMemoryException);

    private PluginException Failure(string method, Exception e) => new($"{backend.Title} failed in {method}: {PluginFactory.Describe(e)}", e);
}
