using System.Collections.Concurrent;

namespace RnnTui.Training;

/// <summary>
/// Work other threads hand to the training thread, run there between two updates (or while paused), with a signal
/// that wakes a paused loop. Once the loop has ended, work runs at once on the thread that enqueues it, since no
/// update can run beside it any more.
/// </summary>
internal sealed class CommandQueue
{
    private readonly ConcurrentQueue<Action> _work = new();
    private readonly SemaphoreSlim _signal = new(0);
    private volatile bool _closed;

    public bool IsEmpty => _work.IsEmpty;

    /// <summary>Queues work and returns its result when the training thread has run it.</summary>
    public Task<T> Enqueue<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Enqueue(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        Wake();
        if (_closed)
        {
            Drain();
        }

        return completion.Task;
    }

    /// <summary>Wakes a loop waiting in <see cref="Wait"/>.</summary>
    public void Wake() => _signal.Release();

    /// <summary>Waits up to a quarter of a second for work or a wake-up, then runs the work queued.</summary>
    public void Wait(CancellationToken cancellationToken)
    {
        try
        {
            _signal.Wait(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Runs every queued piece of work on the calling thread, oldest first.</summary>
    public void Drain()
    {
        while (_work.TryDequeue(out var work))
        {
            work();
        }
    }

    /// <summary>Marks the loop ended: what is queued now and later runs on the thread that queues it.</summary>
    public void Close()
    {
        _closed = true;
        Drain();
    }
}
