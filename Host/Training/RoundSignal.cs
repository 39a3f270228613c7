using System.Diagnostics;

namespace RnnTui.Training;

/// <summary>
/// How a calling thread starts a round of work on long-lived worker threads and waits for them to finish it, at a cost
/// of well under a microsecond when the threads are ready: a worker waiting for the next round spins for a while
/// before it sleeps, because an update's serial part (summing, clipping, the optimizer's step) takes tens of
/// microseconds, and waking a sleeping thread costs about as much again (a <see cref="Barrier"/> sleeps sooner).
/// </summary>
internal sealed class RoundSignal
{
    /// <summary>How long a worker spins for the next round before it sleeps: long enough to span an update's serial part.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private readonly object _gate = new();
    private readonly int _workers;
    private long _round;
    private int _pending;
    private int _sleepers;

    /// <summary>Whether the caller spins while it waits: when the workers and the caller fit on the cores.</summary>
    private readonly bool _spins;

    public RoundSignal(int workers)
    {
        _workers = workers;
        _spins = workers < Environment.ProcessorCount;
    }

    /// <summary>Starts a round on every worker (the caller's side).</summary>
    public void Start()
    {
        Volatile.Write(ref _pending, _workers);
        Interlocked.Increment(ref _round);
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Waits until every worker has called <see cref="Finish"/> for the round started last (the caller's side). While
    /// every thread can have a core of its own, it spins for up to <see cref="SpinTicks"/> before it starts to yield:
    /// <see cref="SpinWait"/> yields after a few spins, and the caller then saw a worker's finish 4.6-6 µs late on
    /// average in each round (1.7 µs spinning), at two rounds an update.
    /// </summary>
    public void WaitForWorkers()
    {
        var until = _spins ? Stopwatch.GetTimestamp() + SpinTicks : 0;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _pending) > 0)
        {
            if (_spins && Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(1);
                continue;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Waits for a round after <paramref name="seen"/> and returns it (a worker's side).</summary>
    public long AwaitStart(long seen)
    {
        var until = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _round) == seen)
        {
            if (Stopwatch.GetTimestamp() < until)
            {
                // A busy spin, not SpinWait's yields: a yield costs the next round's start several microseconds.
                Thread.SpinWait(1);
                continue;
            }

            Interlocked.Increment(ref _sleepers);
            lock (_gate)
            {
                while (Volatile.Read(ref _round) == seen)
                {
                    Monitor.Wait(_gate);
                }
            }

            Interlocked.Decrement(ref _sleepers);
        }

        return Volatile.Read(ref _round);
    }

    /// <summary>Says this worker has finished the current round (a worker's side).</summary>
    public void Finish() => Interlocked.Decrement(ref _pending);
}
