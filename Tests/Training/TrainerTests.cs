using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void Training_ThreeHundredUpdates_LowersSmoothLossByTwelve()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var settings = TestData.Settings("--corpus", corpus, "--hidden", "32", "--steps", "300", "--seed", "1");
        using var trainer = Catalog.Trainer(settings);

        trainer.RunLoop();

        // The smooth loss starts at the first sequence's loss, about 25 ln K (K = 34: 88.2), and trails the loss by
        // design (0.999 smoothing). Measured with seed 1: it falls from 88.2 to 72.3 in 300 updates, while the loss of a sequence falls to 3.7.
        var initial = trainer.History.ToArray()[0].Value;
        Assert.Equal(300, trainer.Step);
        Assert.Equal(TrainerStatus.Finished, trainer.Latest.Status);
        Assert.Equal(34, trainer.Description.Shape.VocabularySize);
        Assert.InRange(initial, 0.98 * 25 * Math.Log(34), 1.02 * 25 * Math.Log(34));
        Assert.True(trainer.SmoothLoss < initial - 12, $"smooth loss {trainer.SmoothLoss} from {initial}");
        Assert.True(trainer.Loss < 0.2 * initial, $"last loss {trainer.Loss} from {initial}");
        Assert.Equal(trainer.SmoothLoss, trainer.BestSmoothLoss);
    }

    [Theory]
    [InlineData("adagrad")]
    [InlineData("sgd")]
    public void BestParameters_AreThoseBeforeTheUpdateOfTheLowestSmoothLoss(string optimizer)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        Trainer Train(long steps)
        {
            var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "16", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--optimizer", optimizer));
            trainer.RunLoop();
            return trainer;
        }

        var trainer = Train(400);
        Assert.InRange(trainer.BestStep, 2, 400);
        var upToBest = Train(trainer.BestStep - 1);

        var state = trainer.Capture();
        Assert.Equal(upToBest.Capture().Parameters, state.BestParameters);
        Assert.NotEqual(state.Parameters, state.BestParameters);
        Assert.Equal(upToBest.Capture().Parameters, Train(trainer.BestStep).Capture().BestParameters);
    }

    [Fact]
    public void Training_SameSeed_SameLosses()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        double Train()
        {
            using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "50"));
            trainer.RunLoop();
            return trainer.SmoothLoss;
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Training_AtEpochEnd_ResetsHiddenStateAndCountsEpoch()
    {
        // 11 characters and sequences of 4: two updates per epoch, the third starts epoch 2 from h = 0.
        using var folder = TestData.TempFolder();
        var corpus = folder.File("tiny.txt", "abcdefghijk");
        var settings = TestData.Settings("--corpus", corpus, "--hidden", "4", "--seq-length", "4", "--steps", "5", "--sigma", "0.5");
        var recorder = (RecordingKernel?)null;
        using var trainer = Catalog.Trainer(settings, k => recorder = new RecordingKernel(k));

        trainer.RunLoop();

        var calls = recorder!.HiddenIn;
        Assert.Equal(5, calls.Count);
        Assert.All(calls[0], x => Assert.Equal(0.0, x));
        Assert.Contains(calls[1], x => x != 0.0);
        Assert.All(calls[2], x => Assert.Equal(0.0, x));
        Assert.Contains(calls[3], x => x != 0.0);
        Assert.All(calls[4], x => Assert.Equal(0.0, x));
        Assert.Equal(3, trainer.Latest.Epoch);
        Assert.Equal([0, 1, 2, 3], recorder.Inputs[2]);
    }

    [Fact]
    public void Training_EpochLimit_StopsAtTheEndOfTheEpoch()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("tiny.txt", "abcdefghijk");
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "4", "--seq-length", "4", "--epochs", "2"));

        trainer.RunLoop();

        Assert.Equal(4, trainer.Step);
        Assert.Equal(2, trainer.Latest.Epoch);
    }

    [Fact]
    public async Task Requests_FromAnotherThread_RunOnTheTrainingThreadBetweenUpdates()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var recorder = (RecordingKernel?)null;
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "0"), k => recorder = new RecordingKernel(k), keepAlive: true);
        var thread = new Thread(() => trainer.RunLoop()) { IsBackground = true };
        thread.Start();

        var sample = await trainer.SampleAsync(50, SamplingOptions.Default, "test");
        var threads = recorder!.StepThreads.ToHashSet();
        trainer.Pause();
        var pausedAt = (await trainer.CaptureAsync()).Step;
        Thread.Sleep(50);
        var stillAt = (await trainer.CaptureAsync()).Step;
        var outside = Assert.Throws<InvalidOperationException>(() => trainer.Capture());
        trainer.RequestStop();
        thread.Join();

        Assert.Equal([thread.ManagedThreadId], threads);
        Assert.Equal(50, sample.Text.Length);
        Assert.Equal(pausedAt, stillAt);
        Assert.Equal(TrainerStatus.Stopped, trainer.Latest.Status);
        Assert.Contains("belongs to its training thread", outside.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingKernel(IRnnKernel inner) : DelegatingKernel(inner)
    {
        public List<double[]> HiddenIn { get; } = [];

        public List<int[]> Inputs { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<int> StepThreads { get; } = [];

        public override void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
        {
            StepThreads.Add(Environment.CurrentManagedThreadId);
            Inner.Step(parameters, input, hidden, scores);
        }

        public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
        {
            HiddenIn.Add(hidden.ToArray());
            Inputs.Add(inputs.ToArray());
            return Inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        }
    }
}
