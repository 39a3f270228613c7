using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Tests.Plugins;

[Collection(ExternalPluginCollection.Name)]
public sealed class MisbehavingPluginTests(ExternalPluginBuild build)
{
    [Fact]
    public void Discover_EachProblemReportedClearlyAndTheRestLoads()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var misbehaving = Path.Combine(build.Root, "Misbehaving", "Misbehaving.dll");
        Assert.Contains(catalog.Clashes, c => c.Name == "adagrad" && c.Plugins[^1].AssemblyPath == misbehaving);
        Assert.Contains(catalog.Problems, p => p.ToString() == $"{misbehaving} (Misbehaving.Exploding): backend exploding: constructor failed: InvalidOperationException: no GPU here");
        Assert.Contains(catalog.Problems, p => p.Where == $"{misbehaving} (Misbehaving.Nameless)" && p.Reason == "Nameless implements a plugin contract but has no [Plugin(name, description)] attribute");
        Assert.Contains(catalog.Problems, p => p.Path == Path.Combine(build.Root, "Old", "Old.dll") && p.Reason == ExternalPluginBuild.Refusal("2.0.0.0"));

        Assert.Contains(catalog.Plugins, p => p.Name == "flaky");
        Assert.Equal(["adam", "flaky", "gru", "lstm", "managed", "older", "rmsprop", "rnn", "sgd", "simd", "strict", "textfile"], catalog.Plugins.Select(p => p.Name).Order());
    }

    [Fact]
    public void OptimizerThrowsInStep_TrainingStopsNamingThePlugin()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "20", "--optimizer", "flaky"), catalog: catalog);

        trainer.RunLoop();

        Assert.Equal(TrainerStatus.Faulted, trainer.Latest.Status);
        Assert.Equal("optimizer flaky failed in Step at update step 3: IOException: disk on fire", trainer.Latest.Message);
    }

    [Fact]
    public void OptimizerWithoutClippingOfItsOwn_GetsTheClampedGradients()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "30", "--clip", "1e-6", "--optimizer", "strict"), catalog: catalog);

        trainer.RunLoop();

        Assert.Equal(TrainerStatus.Finished, trainer.Latest.Status);
        Assert.Equal(30, trainer.Step);
    }

    [Fact]
    public void OptimizerWithoutALearningRate_AScheduleIsRefusedInOneLine()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());
        var settings = TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "30", "--optimizer", "strict", "--lr-warmup", "10");

        var error = Assert.Throws<UsageException>(() => TrainingSetup.Create(settings, catalog));

        Assert.Equal("optimizer strict has no learning rate to schedule (it does not implement ILearningRateOptimizer): use --lr-schedule constant and --lr-warmup 0", error.Message);
    }
}
