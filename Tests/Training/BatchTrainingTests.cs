using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>
/// Mini-batched training: B streams over the text, the mean gradient of their sequences computed on T threads, the
/// loss recorded per sequence; batch 1 is the algorithm as it was before batches existed.
/// </summary>
public sealed class BatchTrainingTests
{
    private static string Lanterns => Path.Combine(TestData.RepoRoot, "corpora", "lanterns.txt");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchOne_TwoHundredUpdates_ParametersBitIdenticalToTheTrainerBeforeBatches(bool batchGiven)
    {
        string[] more = batchGiven ? ["--batch", "1", "--threads", "2"] : [];
        // SHA-256 of the parameters and hidden state after 200 updates, measured with the trainer before --batch
        // existed (commit dc5d639) and checked equal to this one's checkpoints, byte for byte.
        using var trainer = Catalog.Trainer(TestData.Settings(["--corpus", Lanterns, "--hidden", "16", "--steps", "200", "--backend", "managed", .. more]));

        trainer.RunLoop();

        var state = trainer.Capture();
        Assert.Null(state.Streams);
        Assert.Equal("fa7884877d07faec422f22b8f70f941e9a9f1fb48e19c0b83e931f37afcd78fd", Hash(state.Parameters));
        Assert.Equal("7acfb97a346514ead76fb091930efcba7d7d057239e48810d83b2f7987818d24", Hash(state.Hidden));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MeanGradient_OfABatch_IsTheMeanOfEachStreamsGradient_ManagedBackend(int threads)
    {
        const int batch = 5, n = 25, m = 16;
        var text = File.ReadAllText(Lanterns);
        var vocabulary = text.Distinct().Order().ToArray();
        var encoded = text.Select(c => Array.BinarySearch(vocabulary, c)).ToArray();
        var shape = new RnnShape(vocabulary.Length, m);
        var parameters = ParameterInitializer.Create(shape, 0.1, 7);
        var kernels = Enumerable.Range(0, threads).Select(_ => Catalog.Kernel("managed", shape, n)).ToArray();
        var streams = new BatchStreams(encoded, new SequenceReader(encoded, n), batch, m);
        var random = new Random(3);
        for (var i = 0; i < streams.Hidden.Length; i++)
        {
            streams.Hidden[i] = (random.NextDouble() * 2) - 1;
        }

        var hiddenBefore = (double[])streams.Hidden.Clone();
        streams.ReadNext();
        var expected = new double[shape.ParameterCount];
        var expectedHidden = new double[streams.Hidden.Length];
        var expectedLoss = 0.0;
        using var reference = Catalog.Kernel("managed", shape, n);
        for (var b = 0; b < batch; b++)
        {
            var gradients = new double[shape.ParameterCount];
            var hidden = hiddenBefore.AsSpan(b * m, m).ToArray();
            expectedLoss += reference.ForwardBackward(parameters, streams.Inputs.AsSpan(b * n, n), streams.Targets.AsSpan(b * n, n), hidden, gradients);
            hidden.CopyTo(expectedHidden, b * m);
            for (var i = 0; i < gradients.Length; i++)
            {
                expected[i] += gradients[i] / batch;
            }
        }

        var sum = new double[shape.ParameterCount];
        using var gradient = new BatchGradient(kernels, batch, shape.ParameterCount);
        var loss = gradient.Compute(parameters, streams, sum);
        gradient.AddGradients();

        Assert.Equal(expectedLoss, loss, 1e-9);
        Assert.Equal(expectedHidden, streams.Hidden);
        for (var i = 0; i < sum.Length; i++)
        {
            Assert.True(Math.Abs((sum[i] / batch) - expected[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {sum[i] / batch} vs {expected[i]}");
        }

        foreach (var kernel in kernels)
        {
            kernel.Dispose();
        }
    }

    [Fact]
    public void BatchedRun_FirstLoss_IsTheMeanLossPerSequence()
    {
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", Lanterns, "--hidden", "16", "--steps", "1", "--batch", "8", "--threads", "2"));

        trainer.RunLoop();

        // An untrained network's loss per sequence is about n ln K, whatever the batch: the smooth loss stays comparable with batch 1.
        var k = trainer.Description.Shape.VocabularySize;
        Assert.InRange(trainer.Loss, 0.98 * 25 * Math.Log(k), 1.02 * 25 * Math.Log(k));
        Assert.Equal(trainer.Loss, trainer.SmoothLoss);
    }

    [Fact]
    public void BatchedRun_LowersTheSmoothLoss()
    {
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", Lanterns, "--hidden", "32", "--steps", "300", "--batch", "4", "--threads", "2"));

        trainer.RunLoop();

        var initial = trainer.History.ToArray()[0].Value;
        Assert.True(trainer.SmoothLoss < initial - 5, $"smooth loss {trainer.SmoothLoss} from {initial}");
    }

    [Fact]
    public void SameThreads_TwoRuns_BitIdentical()
    {
        Checkpoint Train()
        {
            using var trainer = Catalog.Trainer(TestData.Settings("--corpus", Lanterns, "--hidden", "16", "--steps", "120", "--batch", "8", "--threads", "2"));
            trainer.RunLoop();
            return trainer.Capture();
        }

        var (first, second) = (Train(), Train());

        Assert.Equal(Hash(first.Parameters), Hash(second.Parameters));
        Assert.Equal(Hash(first.Streams!.Hidden), Hash(second.Streams!.Hidden));
        Assert.Equal(first.Streams.Positions, second.Streams.Positions);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.SmoothLoss), BitConverter.DoubleToInt64Bits(second.SmoothLoss));
    }

    /// <summary>
    /// On two threads every in-repo optimizer steps its own range of the parameters on each thread
    /// (<see cref="IRangeOptimizer"/>); the parameters after 150 updates are those of the serial sum and step the trainer
    /// did before, to the bit (hashes measured with commit 6dfa54c, whose threads summed and stepped on one thread).
    /// </summary>
    [Theory]
    [InlineData("adagrad", "dd36bd2356b96a8ed7ba97ce8a0d060a3d39f5fd9058cbe922c0acd5d837f80a")]
    [InlineData("adam", "b30c5520e841ff5715e08a55d148a093a4a21b11f56351068316a946e3d4526e")]
    [InlineData("rmsprop --momentum 0.5", "54276f3153d7e359a9d0d67fb3bed53aff2bd921adf21b624790ab2afd0757b7")]
    [InlineData("sgd --eta 0.05 --momentum 0.9 --nesterov true", "e57cc13b9b198eb32833f4b80cb6ada491bfa7cea67110b4d89c069ba14a27d0")]
    public void TwoThreads_OptimizerStepsRangesOnBothThreads_BitIdenticalToTheSerialStep(string optimizer, string expected)
    {
        using var trainer = Catalog.Trainer(TestData.Settings(["--corpus", Lanterns, "--hidden", "21", "--steps", "150", "--batch", "6", "--threads", "2", "--backend", "managed", "--optimizer", .. optimizer.Split(' ')]));

        trainer.RunLoop();

        Assert.Equal(expected, Hash(trainer.Capture().Parameters));
    }

    /// <summary>
    /// With three threads each thread adds the sums over its range in thread order and divides as it adds the last: the
    /// mean and the parameters stepped from it are those of adding all the sums on one thread, dividing, and stepping
    /// everything there, to the bit, for a batch (7) that no power of two divides.
    /// </summary>
    [Fact]
    public void ThreeThreads_RangeStep_BitIdenticalToAddingDividingAndSteppingOnOneThread()
    {
        const int batch = 7, n = 25, m = 16;
        var encoded = File.ReadAllText(Lanterns).Select(c => (int)c % 40).ToArray();
        var shape = new RnnShape(40, m);
        var start = ParameterInitializer.Create(shape, 0.1, 5);
        double[] Run(bool ranges)
        {
            var kernels = Enumerable.Range(0, 3).Select(_ => Catalog.Kernel("managed", shape, n)).ToArray();
            var optimizer = (IRangeOptimizer)Catalog.Optimizer("adagrad", shape.ParameterCount);
            var streams = new BatchStreams(encoded, new SequenceReader(encoded, n), batch, m);
            var (parameters, gradients) = ((double[])start.Clone(), new double[shape.ParameterCount]);
            using (var gradient = new BatchGradient(kernels, batch, shape.ParameterCount))
            {
                for (var update = 0; update < 20; update++)
                {
                    streams.ReadNext();
                    gradient.Compute(parameters, streams, gradients);
                    optimizer.BeginStep();
                    if (ranges)
                    {
                        gradient.Step(optimizer, parameters, parameters, batch, 5);
                        continue;
                    }

                    gradient.AddGradients();
                    TensorPrimitives.Divide(gradients, batch, gradients);
                    optimizer.StepRange(0, parameters, parameters, gradients, 5);
                }
            }

            foreach (var kernel in kernels)
            {
                kernel.Dispose();
            }

            return parameters;
        }

        Assert.Equal(Hash(Run(ranges: false)), Hash(Run(ranges: true)));
    }

    [Fact]
    public void Streams_StartEvenlySpacedOnTheSequenceGrid_AndAnEpochIsTheTextsSequencesOverAllStreams()
    {
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", Lanterns, "--hidden", "8", "--epochs", "1", "--batch", "4", "--threads", "1", "--validation", "0"));
        var sequences = (trainer.Description.Corpus.TrainingText.Length - 1) / 25;
        var start = trainer.Capture().Streams!;
        Assert.Equal([0, sequences / 4 * 25, sequences / 2 * 25, 3 * sequences / 4 * 25], start.Positions);
        Assert.Equal([1L, 1, 1, 1], start.Epochs);

        trainer.RunLoop();

        // ⌈S/4⌉ updates read an epoch; each stream has moved on by as many sequences, the last one to the text's end.
        var updates = (sequences + 3) / 4;
        Assert.Equal(updates, trainer.Step);
        Assert.Equal(updates, trainer.Description.UpdateLimit);
        var end = trainer.Capture().Streams!;
        Assert.Equal(start.Positions.Select(p => p + (updates * 25)), end.Positions);
        Assert.Equal(sequences * 25, end.Positions[3]);
        Assert.Equal([1L, 1, 1, 1], end.Epochs);
        Assert.Equal(2, trainer.Latest.Epoch);
        Assert.Equal(1.0 * ((updates * 4) - sequences) / sequences, trainer.Latest.EpochProgress, 1e-12);
    }

    [Fact]
    public void Threads_Zero_IsOnePerCoreAtMostOnePerSequence()
    {
        var settings = TestData.Settings("--batch", "64");

        Assert.Equal(Math.Min(Environment.ProcessorCount, 64), settings.Training.ThreadsFor(64));
        Assert.Equal(1, settings.Training.ThreadsFor(1));
        Assert.Equal(3, TestData.Settings("--threads", "8").Training.ThreadsFor(3));
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", Lanterns, "--hidden", "8", "--batch", "3", "--threads", "8"));
        Assert.Equal(3, trainer.Description.Settings.Training.Threads);
    }

    private static string Hash(double[] values) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
}
