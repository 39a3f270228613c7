using System.Text.Json;
using RnnTui.Commands;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// Plugins built against other versions of the contracts, and plugins that did not load: selecting one says why, and
/// an unknown name says how many plugins did not load.
/// </summary>
[Collection(ExternalPluginCollection.Name)]
public sealed class PluginLoadFailureTests(ExternalPluginBuild build)
{
    [Fact]
    public void PluginBuiltAgainstANewerMinorContracts_RefusedNamingBothVersionsAndWhatToDo()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var problem = Assert.Single(catalog.Problems, p => p.Path == build.Newer);
        Assert.Equal(ExternalPluginBuild.Refusal(ExternalPluginBuild.NewerVersion), problem.Reason);
        var error = Assert.Throws<PluginException>(() => catalog.Get<IOptimizerProvider>("newer"));
        Assert.Equal($"optimizer newer did not load: {problem.Reason} ({build.Newer}; see rnntui plugins)", error.Message);
    }

    [Fact]
    public void PluginsCommand_ListsALoadProblemWithThePluginItKeepsOut()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { build.Root } } }));

        var (code, output, _) = CliTests.Run(["plugins", "--config", config]);

        Assert.Equal(RnnTuiApp.Ok, code);
        Assert.Contains(
            $"  {build.Newer}: optimizer newer: {ExternalPluginBuild.Refusal(ExternalPluginBuild.NewerVersion)}\n",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void PluginBuiltAgainstAnOlderMinorContracts_LoadsAndWorks()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var plugin = catalog.Get<IOptimizerProvider>("older");
        Assert.Equal(build.Older, plugin.AssemblyPath);
        Assert.DoesNotContain(catalog.Problems, p => p.Path == build.Older);
        var optimizer = plugin.Instance.Create(2, PluginSettings.Empty);
        double[] parameters = [1.0, 2.0];
        optimizer.Step(parameters, [2.0, -2.0]);
        Assert.Equal([0.0, 3.0], parameters);
    }

    [Fact]
    public void Get_UnknownNameWhilePluginsFailedToLoad_SaysHowManyAndWhereToLook()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var error = Assert.Throws<UsageException>(() => catalog.Get<IOptimizerProvider>("adam"));

        Assert.StartsWith("unknown optimizer 'adam'; available: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; {catalog.Problems.Count} plugins failed to load (see rnntui plugins)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A plugin that did not load is named with the reason; an unknown name says how many plugins did not load.</summary>
    [Theory]
    [InlineData("newer", RnnTuiApp.Failed, "rnntui: optimizer newer did not load: {refusal} ({newer}; see rnntui plugins)\n")]
    [InlineData("exploding", RnnTuiApp.BadInput, "rnntui: unknown optimizer 'exploding'; available: * plugins failed to load (see rnntui plugins)\n")]
    public void TrainHeadless_SelectingAPluginThatDidNotLoad_SaysWhy(string optimizer, int exitCode, string message)
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { build.Root } } }));
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--corpus", corpus, "--optimizer", optimizer, "--steps", "5", "--runs-dir", folder.Path]);

        var parts = message.Replace("{newer}", build.Newer, StringComparison.Ordinal).Replace("{refusal}", ExternalPluginBuild.Refusal(ExternalPluginBuild.NewerVersion), StringComparison.Ordinal).Split('*');
        Assert.StartsWith(parts[0], error, StringComparison.Ordinal);
        Assert.EndsWith(parts[^1], error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(exitCode, code);
    }
}
