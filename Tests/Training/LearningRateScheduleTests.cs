using RnnTui.Contracts;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Tests.Plugins;
using RnnTui.Tests.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Constant_WithoutWarmup_IsNoSchedule()
    {
        Assert.Null(LearningRateSchedule.Create(new LearningRateSettings(), updateLimit: 1000));
    }

    [Fact]
    public void Warmup_RisesLinearlyToTheFullRate()
    {
        var schedule = LearningRateSchedule.Create(new LearningRateSettings { WarmupUpdates = 4 }, updateLimit: 0)!;

        Assert.Equal([0.25, 0.5, 0.75, 1, 1, 1], Factors(schedule, 6));
        Assert.Equal("constant, after 4 updates of warm-up", schedule.Description);
    }

    [Fact]
    public void Step_HalvesEveryDecayEveryUpdates()
    {
        var schedule = LearningRateSchedule.Create(new LearningRateSettings { Schedule = "step", DecayEvery = 3, DecayFactor = 0.5 }, updateLimit: 0)!;

        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], Factors(schedule, 7));
        Assert.Equal("step: times 0.5 every 3 updates", schedule.Description);
    }

    [Fact]
    public void Cosine_AfterWarmup_FallsToTheFloorAndStays()
    {
        var schedule = LearningRateSchedule.Create(new LearningRateSettings { Schedule = "cosine", WarmupUpdates = 2, CosineUpdates = 4, FloorFactor = 0.1 }, updateLimit: 0)!;

        var factors = Factors(schedule, 9);

        // Warm-up 1/2, 2/2; then 0.1 + 0.9 (1 + cos(pi p)) / 2 for p = 0, 1/4, 1/2, 3/4, 1 and the floor after.
        double[] expected = [0.5, 1, 1, 0.1 + (0.45 * (1 + Math.Sqrt(0.5))), 0.55, 0.1 + (0.45 * (1 - Math.Sqrt(0.5))), 0.1, 0.1, 0.1];
        Assert.Equal(expected.Length, factors.Length);
        Assert.All(expected.Zip(factors), p => Assert.Equal(p.First, p.Second, 1e-15));
        Assert.Equal("cosine to 0.1 eta over 4 updates, after 2 updates of warm-up", schedule.Description);
    }

    [Fact]
    public void Cosine_WithoutLength_SpansTheStepLimitAfterWarmup()
    {
        var schedule = LearningRateSchedule.Create(new LearningRateSettings { Schedule = "cosine", WarmupUpdates = 10 }, updateLimit: 110)!;

        Assert.Equal(0.5, schedule.Factor(60), 1e-15);
        Assert.Equal(0, schedule.Factor(110), 1e-15);
    }

    [Fact]
    public void Cosine_WithoutLengthOrLimit_RefusedSayingWhatToGive()
    {
        var error = Assert.Throws<UsageException>(() => LearningRateSchedule.Create(new LearningRateSettings { Schedule = "cosine" }, updateLimit: 0));

        Assert.Equal("the cosine schedule needs a length: give --steps, --epochs or --lr-cosine-updates", error.Message);
    }

    [Fact]
    public void Cosine_OverEpochs_SpansEveryEpochsSequences()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        using var setup = TrainingSetup.Create(TestData.Settings("--corpus", corpus, "--epochs", "2", "--lr-schedule", "cosine"), Catalog.Instance);

        var sequences = (TestData.SmallCorpus.Length - 1) / 25;
        Assert.Contains($"learning rate cosine to 0 eta over {2 * sequences:N0} updates", setup.Description.OptimizerSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_SetsTheScheduledRateBeforeEachStep()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var settings = TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "30", "--lr-schedule", "step", "--lr-decay-every", "10", "--lr-decay-factor", "0.5", "--lr-warmup", "4");
        var setup = TrainingSetup.Create(settings, Catalog.Instance);
        using var trainer = new Trainer(setup);

        trainer.Train(3);
        Assert.Equal(0.1 * 3 / 4, ((ILearningRateOptimizer)setup.Optimizer).LearningRate, 1e-17);
        trainer.Train(22);

        Assert.Equal(0.1 * 0.25, ((ILearningRateOptimizer)setup.Optimizer).LearningRate, 1e-17);
        Assert.Equal("eta=0.1, epsilon=1E-08; learning rate step: times 0.5 every 10 updates, after 4 updates of warm-up", setup.Description.OptimizerSettings);
    }

    [Theory]
    [InlineData("adagrad")]
    [InlineData("sgd")]
    public void ConstantSchedule_LeavesTrainingBitIdentical(string optimizer)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        string[] common = ["--corpus", corpus, "--hidden", "8", "--steps", "40", "--optimizer", optimizer];

        using var plain = Catalog.Trainer(TestData.Settings(common));
        using var constant = Catalog.Trainer(TestData.Settings([.. common, "--lr-schedule", "constant", "--lr-warmup", "0"]));
        using var warmed = Catalog.Trainer(TestData.Settings([.. common, "--lr-warmup", "10"]));
        plain.RunLoop();
        constant.RunLoop();
        warmed.RunLoop();

        Assert.Equal(plain.Capture().Parameters, constant.Capture().Parameters);
        Assert.NotEqual(plain.Capture().Parameters, warmed.Capture().Parameters);
    }

    [Fact]
    public void Resume_WithACosineSchedule_ContinuesBitIdentically()
    {
        using var bed = new RunBed();
        string[] schedule = ["--lr-schedule", "cosine", "--lr-warmup", "20", "--lr-cosine-updates", "200", "--lr-floor", "0.05"];
        bed.Train("whole", 120, schedule);
        bed.Train("halves", 60, schedule);

        var output = bed.Ok("train", "--headless", "--resume", "halves", "--steps", "120");

        Assert.DoesNotContain("not bit-identical", output, StringComparison.Ordinal);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(120, resumed.Step);
        Assert.Equal(whole.Parameters, resumed.Parameters);
        Assert.Equal(whole.OptimizerState[0].Values, resumed.OptimizerState[0].Values);
    }

    [Fact]
    public void Schedule_RunJsonRecordsIt()
    {
        using var bed = new RunBed();
        bed.Train("run", 10, "--lr-schedule", "step", "--lr-decay-every", "5");

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bed.RunPath("run", "run.json")))!;

        Assert.Equal("step", (string?)json["settings"]!["LearningRate"]!["Schedule"]);
        Assert.Equal(5, (long)json["settings"]!["LearningRate"]!["DecayEvery"]!);
    }

    private static double[] Factors(LearningRateSchedule schedule, int count) => [.. Enumerable.Range(0, count).Select(i => schedule.Factor(i))];
}
