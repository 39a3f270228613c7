using System.Diagnostics;
using System.Runtime.Intrinsics;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>One backend's measured training speed.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="ElementType">What the backend computes in: f64 or f32.</param>
/// <param name="Updates">Updates in the timed run reported.</param>
/// <param name="Seconds">Wall time of that run.</param>
/// <param name="SequenceLength">Characters per update.</param>
/// <param name="BytesAllocated">Bytes allocated on the training thread per timed run, on average.</param>
/// <param name="FlopsPerUpdate">Floating-point operations one update needs (multiply-adds counted as two).</param>
/// <param name="Breakdown">Where one update's time goes, in microseconds.</param>
/// <param name="Batch">Sequences per update.</param>
/// <param name="Threads">Threads the batch was computed on.</param>
/// <param name="Shares">Where a batched update's time goes, in microseconds.</param>
internal sealed record BenchmarkResult(string Backend, string ElementType, long Updates, double Seconds, int SequenceLength, long BytesAllocated, double FlopsPerUpdate, TimeBreakdown Breakdown, int Batch = 1, int Threads = 1, BatchBreakdown? Shares = null, long WarmupUpdates = 0, double WarmupSeconds = 0)
{
    public double UpdatesPerSecond => Updates / Seconds;

    /// <summary>Characters trained on per second: seq_length times the batch per update.</summary>
    public double CharsPerSecond => UpdatesPerSecond * SequenceLength * Batch;

    public double MicrosecondsPerUpdate => Seconds * 1e6 / Updates;

    public double BytesAllocatedPerUpdate => (double)BytesAllocated / Updates;

    public double GigaflopsPerSecond => FlopsPerUpdate * UpdatesPerSecond / 1e9;
}

/// <summary>Microseconds per update in each part of the training loop, and to sample 200 characters.</summary>
/// <param name="Forward">The forward pass and loss (timed alone on the same workload).</param>
/// <param name="Backward">Back-propagation: forward-backward less the forward pass.</param>
/// <param name="Rest">Clipping, the optimizer step and the trainer's bookkeeping (losses, best parameters).</param>
/// <param name="Sample200">Synthesizing 200 characters, as at every sample interval.</param>
internal sealed record TimeBreakdown(double Forward, double Backward, double Rest, double Sample200);

/// <summary>Microseconds per batched update: the kernels' share of the batch on the training thread and on the slowest thread, and the rest.</summary>
/// <param name="Kernel">The training thread's kernel call on its share of the streams.</param>
/// <param name="SlowestKernel">The longest kernel call of any thread: the update waits for it.</param>
/// <param name="Rest">The update less the slowest kernel: handing the shares out, summing the threads' gradients, clipping, the optimizer step and the trainer's bookkeeping.</param>
internal sealed record BatchBreakdown(double Kernel, double SlowestKernel, double Rest);

/// <summary>
/// Times the real training loop (forward, backward, clipping, optimizer, losses) of each backend on one fixed
/// workload, after a warm-up that lets the JIT settle, on the calling thread.
/// </summary>
internal static class Benchmark
{
    /// <summary>
    /// The floating-point operations of one update of one sequence, multiply-adds counted as two: per character, each
    /// weight matrix that multiplies a vector does so three times (forward, the gradient of its input, the gradient of
    /// its weights), e.g. W h, V h, V^T g_o, W^T g_a, dV and dW for the vanilla RNN. A matrix of m rows and K columns
    /// reads a one-hot input (U x is a column lookup) and counts nothing, nor do biases and element-wise work. A batch
    /// of B sequences needs B times this.
    /// </summary>
    public static double FlopsPerUpdate(RnnShape shape, int sequenceLength) =>
        2.0 * sequenceLength * 3.0 * shape.Segments
            .Where(s => s.Init is SegmentInit.Weights or SegmentInit.Recurrent && !(s.Rows == shape.HiddenSize && s.Columns == shape.VocabularySize))
            .Sum(s => (double)s.Length);

    /// <summary>
    /// Trains <paramref name="warmup"/> untimed updates, and more until <paramref name="warmupTime"/> has passed, then
    /// <paramref name="updates"/> in five equal timed runs, and reports the median run's speed: on a shared machine the
    /// median resists another process's bursts.
    /// </summary>
    public static BenchmarkResult Run(AppSettings settings, PluginCatalog catalog, Plugin<IComputeBackend> backend, long warmup, TimeSpan warmupTime, long updates)
    {
        const int Runs = 5;
        // Every thread's kernel is timed; the training thread's is the first.
        var timings = new List<TimingKernel>();
        var setup = TrainingSetup.Create(settings with { Plugins = settings.Plugins with { Backend = backend.Name } }, catalog, wrapKernel: k =>
        {
            var timed = new TimingKernel(k);
            timings.Add(timed);
            return timed;
        });
        using var trainer = new Trainer(setup);
        var warming = Stopwatch.StartNew();
        trainer.Train(warmup);
        var warmed = warmup;
        while (warming.Elapsed < warmupTime)
        {
            var more = Math.Max(1, warmup / 10);
            trainer.Train(more);
            warmed += more;
        }

        var warmupSeconds = warming.Elapsed.TotalSeconds;
        var chunk = Math.Max(1, updates / Runs);
        var seconds = new double[Runs];
        var kernelSeconds = new double[Runs];
        var slowestSeconds = new double[Runs];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Runs; i++)
        {
            foreach (var timing in timings)
            {
                timing.Reset();
            }

            var start = Stopwatch.GetTimestamp();
            trainer.Train(chunk);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            kernelSeconds[i] = timings[0].ForwardBackwardTime.TotalSeconds;
            foreach (var timing in timings)
            {
                slowestSeconds[i] = Math.Max(slowestSeconds[i], timing.ForwardBackwardTime.TotalSeconds);
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var median = Median(seconds);
        var forwardBackward = Median(kernelSeconds) * 1e6 / chunk;
        var trained = trainer.Capture();
        var forward = TimeForward(setup, trained.Parameters, chunk);
        var sample = TimeSample(setup, trained);
        var total = median * 1e6 / chunk;
        var breakdown = new TimeBreakdown(forward, forwardBackward - forward, total - forwardBackward, sample);
        var shape = setup.Description.Shape;
        var batch = setup.Description.Settings.Training.Batch;
        var threads = setup.Kernels.Count;
        var slowest = Median(slowestSeconds) * 1e6 / chunk;
        var shares = new BatchBreakdown(forwardBackward, slowest, total - slowest);
        return new BenchmarkResult(backend.Name, setup.Description.ElementType, chunk, median, settings.Model.SeqLength, allocated / Runs, batch * FlopsPerUpdate(shape, settings.Model.SeqLength), breakdown, batch, threads, shares, warmed, warmupSeconds);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Microseconds for the forward pass alone over a sequence of the text, on the trained parameters.</summary>
    private static double TimeForward(TrainingSetup setup, double[] parameters, long repetitions)
    {
        var n = setup.Description.Settings.Model.SeqLength;
        var text = setup.Description.Corpus.Text;
        var inputs = text.AsSpan(0, n);
        var targets = text.AsSpan(1, n);
        var hidden = new double[setup.Description.Shape.StateSize];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < repetitions; i++)
        {
            setup.Kernel.Loss(parameters, inputs, targets, hidden);
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / repetitions;
    }

    /// <summary>Microseconds to synthesize 200 characters from the trained parameters and hidden state, as at a sample interval.</summary>
    private static double TimeSample(TrainingSetup setup, Checkpoint trained)
    {
        const int Samples = 20;
        var sampler = new Sampler(setup.Kernel, setup.Description.Corpus.Vocabulary);
        var random = new Xoshiro256(1);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Samples; i++)
        {
            sampler.Generate(trained.Parameters, trained.Hidden, setup.Description.Corpus.Text[0], 200, SamplingOptions.Default, random);
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / Samples;
    }

    /// <summary>
    /// The float64 fused multiply-add peak of <paramref name="threads"/> cores at once, in GFLOP/s, measured with twelve
    /// independent chains of FMAs (enough to cover the instruction's latency) in the widest vectors the processor
    /// accelerates (512-bit where it has them, else 256-bit); float32 peaks at twice this. 0 where neither is
    /// accelerated. Each thread runs the chains for <paramref name="duration"/>; the sum of their best rates is returned.
    /// </summary>
    public static (double Gigaflops, int VectorBits) MeasurePeakGigaflops(TimeSpan duration, int threads = 1)
    {
        var bits = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 0;
        if (bits == 0)
        {
            return (0, 0);
        }

        var rates = new double[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() => rates[t] = MeasureCore(duration, bits)) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return (rates.Sum(), bits);
    }

    private static double MeasureCore(TimeSpan duration, int bits)
    {
        const int Iterations = 1_000_000;
        var lanes = bits / 64;
        var best = 0.0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            var sink = bits == 512 ? FmaChains512(Iterations) : FmaChains(Iterations);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, 12.0 * Iterations * lanes * 2 / seconds / 1e9);
        }

        return best;
    }

    private static double FmaChains512(int iterations)
    {
        var m = Vector512.Create(0.9999999);
        var a = Vector512.Create(1e-7);
        Vector512<double> s0 = Vector512.Create(1.0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (var i = 0; i < iterations; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(s0, m, a);
            s1 = Vector512.FusedMultiplyAdd(s1, m, a);
            s2 = Vector512.FusedMultiplyAdd(s2, m, a);
            s3 = Vector512.FusedMultiplyAdd(s3, m, a);
            s4 = Vector512.FusedMultiplyAdd(s4, m, a);
            s5 = Vector512.FusedMultiplyAdd(s5, m, a);
            s6 = Vector512.FusedMultiplyAdd(s6, m, a);
            s7 = Vector512.FusedMultiplyAdd(s7, m, a);
            s8 = Vector512.FusedMultiplyAdd(s8, m, a);
            s9 = Vector512.FusedMultiplyAdd(s9, m, a);
            s10 = Vector512.FusedMultiplyAdd(s10, m, a);
            s11 = Vector512.FusedMultiplyAdd(s11, m, a);
        }

        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }

    private static double FmaChains(int iterations)
    {
        var m = Vector256.Create(0.9999999);
        var a = Vector256.Create(1e-7);
        Vector256<double> s0 = Vector256.Create(1.0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (var i = 0; i < iterations; i++)
        {
            s0 = Vector256.FusedMultiplyAdd(s0, m, a);
            s1 = Vector256.FusedMultiplyAdd(s1, m, a);
            s2 = Vector256.FusedMultiplyAdd(s2, m, a);
            s3 = Vector256.FusedMultiplyAdd(s3, m, a);
            s4 = Vector256.FusedMultiplyAdd(s4, m, a);
            s5 = Vector256.FusedMultiplyAdd(s5, m, a);
            s6 = Vector256.FusedMultiplyAdd(s6, m, a);
            s7 = Vector256.FusedMultiplyAdd(s7, m, a);
            s8 = Vector256.FusedMultiplyAdd(s8, m, a);
            s9 = Vector256.FusedMultiplyAdd(s9, m, a);
            s10 = Vector256.FusedMultiplyAdd(s10, m, a);
            s11 = Vector256.FusedMultiplyAdd(s11, m, a);
        }

        return Vector256.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }
}
