using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// Computes a batch's gradient on T threads, each with its own kernel, gradient buffer and share of the streams (thread
/// t takes streams [⌊t·B/T⌋, ⌊(t+1)·B/T⌋)). The calling thread computes share 0 itself; shares 1 to T-1 run on
/// long-lived worker threads that it starts and waits for with a <see cref="RoundSignal"/>, so an update allocates
/// nothing. A kernel that is batched for its share gets one <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/> call;
/// any other is called once per stream, the gradients summed in stream order (the reference the batched kernels are
/// held to). The T sums are then added in thread order, so the result depends on B and T, never on timing: by the
/// calling thread (<see cref="AddGradients"/>), or, with an optimizer that steps ranges of the parameters
/// (<see cref="IRangeOptimizer"/>), by every thread for its own range, which it then steps (<see cref="Step"/>), so that
/// the parameters and gradients are not all handed from one core to the other every update.
/// </summary>
internal sealed class BatchGradient : IDisposable
{
    private readonly IReadOnlyList<IRnnKernel> _kernels;
    private readonly int[] _first;
    private readonly double[][] _gradients;
    private readonly double[][] _scratch;
    private readonly double[] _losses;
    private readonly Exception?[] _errors;
    private readonly int[] _ranges;
    private readonly Thread[] _workers;
    private readonly RoundSignal? _rounds;
    private volatile bool _stopping;
    private double[] _parameters = [];
    private BatchStreams? _streams;
    private bool _stepping;
    private IRangeOptimizer? _optimizer;
    private double[] _updated = [];
    private double _divisor;
    private double _clip;

    /// <summary>A computation of <paramref name="batch"/> streams on one thread per kernel (the first kernel's is the caller's).</summary>
    public BatchGradient(IReadOnlyList<IRnnKernel> kernels, int batch, int parameterCount)
    {
        var threads = kernels.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, batch);
        _kernels = kernels;
        _first = [.. Enumerable.Range(0, threads + 1).Select(t => Share(t, threads, batch))];
        _ranges = [.. Enumerable.Range(0, threads + 1).Select(t => Range(t, threads, parameterCount))];
        _gradients = [.. Enumerable.Range(0, threads).Select(t => t == 0 ? [] : new double[parameterCount])];
        _scratch = [.. Enumerable.Range(0, threads).Select(_ => new double[parameterCount])];
        _losses = new double[threads];
        _errors = new Exception?[threads];
        _workers = new Thread[threads - 1];
        if (threads > 1)
        {
            _rounds = new RoundSignal(threads - 1);
            for (var t = 1; t < threads; t++)
            {
                var thread = t;
                _workers[t - 1] = new Thread(() => Work(thread)) { IsBackground = true, Name = $"rnntui batch {t}" };
                _workers[t - 1].Start();
            }
        }
    }

    /// <summary>T, the threads computing.</summary>
    public int Threads => _kernels.Count;

    /// <summary>The first stream of thread <paramref name="thread"/>'s share (for <paramref name="thread"/> = T, B).</summary>
    public static int Share(int thread, int threads, int batch) => (int)((long)thread * batch / threads);

    /// <summary>
    /// Where thread <paramref name="thread"/>'s range of the parameters starts in <see cref="Step"/>: an even split, each
    /// start on a multiple of eight doubles (a 64-byte cache line), so that no two threads write one line.
    /// </summary>
    public static int Range(int thread, int threads, int parameterCount) =>
        thread == threads ? parameterCount : (int)((long)thread * parameterCount / threads) & ~7;

    /// <summary>
    /// Computes the streams' next sequences and returns the sum of their losses; the streams' hidden states move on.
    /// Each thread leaves the sum of its streams' gradients in its own buffer, the first thread's being
    /// <paramref name="gradients"/>; <see cref="AddGradients"/> or <see cref="Step"/> adds them up. A kernel's exception
    /// is rethrown here, the first in thread order.
    /// </summary>
    public double Compute(double[] parameters, BatchStreams streams, double[] gradients)
    {
        _parameters = parameters;
        _streams = streams;
        _gradients[0] = gradients;
        _stepping = false;
        RunRound();
        var loss = _losses[0];
        for (var t = 1; t < _kernels.Count; t++)
        {
            loss += _losses[t];
        }

        return loss;
    }

    /// <summary>Adds the other threads' sums to the first thread's buffer, in thread order: the SUM of the batch's gradients.</summary>
    public void AddGradients()
    {
        for (var t = 1; t < _kernels.Count; t++)
        {
            Add(_gradients[0], _gradients[t]);
        }
    }

    /// <summary>
    /// The optimizer's step on every thread at once, after <see cref="Compute"/> and the optimizer's
    /// <see cref="IRangeOptimizer.BeginStep"/>: each thread adds the threads' sums over its range of the parameters in
    /// thread order and divides them by <paramref name="divisor"/> (the same bits as <see cref="AddGradients"/> and a
    /// division), into a buffer of its own so that no thread writes what another thread's kernel writes next, and steps
    /// that range from <paramref name="parameters"/> into <paramref name="updated"/>. The optimizer's exception is
    /// rethrown here, the first in thread order.
    /// </summary>
    public void Step(IRangeOptimizer optimizer, double[] parameters, double[] updated, double divisor, double clip)
    {
        (_optimizer, _parameters, _updated, _divisor, _clip) = (optimizer, parameters, updated, divisor, clip);
        _stepping = true;
        RunRound();
    }

    public void Dispose()
    {
        if (_rounds is null || _stopping)
        {
            return;
        }

        _stopping = true;
        _rounds.Start();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void Work(int thread)
    {
        var round = 0L;
        while (true)
        {
            round = _rounds!.AwaitStart(round);
            if (_stopping)
            {
                return;
            }

            Run(thread);
            _rounds.Finish();
        }
    }

    /// <summary>Runs a round on every thread, the caller's share on the calling thread, and rethrows the first exception.</summary>
    private void RunRound()
    {
        _rounds?.Start();
        Run(0);
        _rounds?.WaitForWorkers();
        foreach (var error in _errors)
        {
            if (error is not null)
            {
                Array.Clear(_errors);
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    /// <summary>Computes one thread's share of the round, keeping what it throws for the caller.</summary>
    private void Run(int thread)
    {
        try
        {
            if (_stepping)
            {
                StepShare(thread);
            }
            else
            {
                _losses[thread] = Share(thread);
            }
        }
        catch (Exception e)
        {
            _errors[thread] = e;
        }
    }

    private void StepShare(int thread)
    {
        // The first thread's mean goes into its own sums, another's into its scratch buffer: no thread writes memory
        // that another thread's kernel writes next.
        var (start, length) = (_ranges[thread], _ranges[thread + 1] - _ranges[thread]);
        var first = _gradients[0].AsSpan(start, length);
        var mean = thread == 0 ? first : _scratch[thread].AsSpan(start, length);
        var last = _kernels.Count - 1;
        ReadOnlySpan<double> sum = first;
        for (var t = 1; t < last; t++)
        {
            TensorPrimitives.Add(sum, _gradients[t].AsSpan(start, length), mean);
            sum = mean;
        }

        AddAndDivide(sum, _gradients[last].AsSpan(start, length), mean, _divisor);
        _optimizer!.StepRange(start, _parameters.AsSpan(start, length), _updated.AsSpan(start, length), mean, _clip);
    }

    private double Share(int thread)
    {
        var streams = _streams!;
        var (first, end) = (_first[thread], _first[thread + 1]);
        var (n, m) = (streams.SequenceLength, streams.StateSize);
        var kernel = _kernels[thread];
        var gradients = _gradients[thread];
        if (kernel is IBatchedRnnKernel batched && batched.MaxBatchSize >= end - first)
        {
            return batched.ForwardBackwardBatch(
                _parameters,
                end - first,
                streams.Inputs.AsSpan(first * n, (end - first) * n),
                streams.Targets.AsSpan(first * n, (end - first) * n),
                streams.Hidden.AsSpan(first * m, (end - first) * m),
                gradients);
        }

        var loss = 0.0;
        for (var b = first; b < end; b++)
        {
            var into = b == first ? gradients : _scratch[thread];
            loss += kernel.ForwardBackward(_parameters, streams.Inputs.AsSpan(b * n, n), streams.Targets.AsSpan(b * n, n), streams.HiddenOf(b), into);
            if (b != first)
            {
                Add(gradients, into);
            }
        }

        return loss;
    }

    /// <summary>
    /// <c>destination = (sum + values) / divisor</c>, element by element: the last thread's sum and the division in one
    /// pass over the memory, the same bits as the two passes.
    /// </summary>
    private static void AddAndDivide(ReadOnlySpan<double> sum, ReadOnlySpan<double> values, Span<double> destination, double divisor)
    {
        var i = 0;
        var lanes = Vector<double>.Count;
        var d = new Vector<double>(divisor);
        for (; i + lanes <= destination.Length; i += lanes)
        {
            ((new Vector<double>(sum.Slice(i, lanes)) + new Vector<double>(values.Slice(i, lanes))) / d).CopyTo(destination.Slice(i, lanes));
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = (sum[i] + values[i]) / divisor;
        }
    }

    /// <summary>Element by element, so the vector width does not change a bit of the sum.</summary>
    private static void Add(double[] sum, double[] values) => TensorPrimitives.Add(sum, values, sum);
}
