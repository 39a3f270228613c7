using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>
/// The hand-off between the training thread and the batch's worker threads: every round reaches every worker once, the
/// caller waits for all of them, also for a worker slower than the caller's spin, and workers that fell asleep between
/// rounds wake for the next.
/// </summary>
public sealed class RoundSignalTests
{
    [Fact]
    public void EveryRound_RunsOnEveryWorkerOnce_AndTheCallerWaitsForAll()
    {
        const int Workers = 3;
        const int Rounds = 2000;
        var signal = new RoundSignal(Workers);
        var done = new int[Workers];
        var threads = StartWorkers(signal, done, Rounds);

        for (var round = 1; round <= Rounds; round++)
        {
            signal.Start();
            signal.WaitForWorkers();
            Assert.All(done, count => Assert.Equal(round, count));
        }

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void WorkersAsleepAfterALongPause_WakeForTheNextRound()
    {
        const int Workers = 2;
        var signal = new RoundSignal(Workers);
        var done = new int[Workers];
        var threads = StartWorkers(signal, done, rounds: 3);

        for (var round = 1; round <= 3; round++)
        {
            // Far longer than a worker spins before it sleeps.
            Thread.Sleep(50);
            signal.Start();
            signal.WaitForWorkers();
            Assert.All(done, count => Assert.Equal(round, count));
        }

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void AWorkerSlowerThanTheCallersSpin_IsStillWaitedFor()
    {
        // The caller spins for about a millisecond, then yields: a round of 20 ms outlasts the spin.
        var signal = new RoundSignal(1);
        var done = new int[1];
        var threads = StartWorkers(signal, done, rounds: 3, work: TimeSpan.FromMilliseconds(20));

        for (var round = 1; round <= 3; round++)
        {
            signal.Start();
            signal.WaitForWorkers();
            Assert.Equal(round, Volatile.Read(ref done[0]));
        }

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(10))));
    }

    private static Thread[] StartWorkers(RoundSignal signal, int[] done, int rounds, TimeSpan work = default)
    {
        var threads = Enumerable.Range(0, done.Length).Select(w => new Thread(() =>
        {
            var seen = 0L;
            for (var i = 0; i < rounds; i++)
            {
                seen = signal.AwaitStart(seen);
                if (work > TimeSpan.Zero)
                {
                    Thread.Sleep(work);
                }

                Interlocked.Increment(ref done[w]);
                signal.Finish();
            }
        }) { IsBackground = true }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        return threads;
    }
}
