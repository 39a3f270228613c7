using RnnTui.Contracts;
using RnnTui.Plugins;
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
        Assert.Contains(catalog.Problems, p => p.Path == Path.Combine(build.Root, "Old", "Old.dll") && p.Reason == "built against RnnTui.Contracts 2.0.0.0, newer than this rnntui's 1.1.0.0: upgrade rnntui, or rebuild the plugin against RnnTui.Contracts 1.1");

        Assert.Contains(catalog.Plugins, p => p.Name == "flaky");
        Assert.Equal(["flaky", "managed", "older", "sgd", "simd", "simd-f32", "strict", "textfile"], catalog.Plugins.Select(p => p.Name).Order());
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
}
