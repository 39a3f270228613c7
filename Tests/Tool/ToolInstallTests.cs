using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace RnnTui.Tests.Tool;

/// <summary>
/// rnntui installed as a .NET tool runs from any folder: its settings, plugins and default corpus come from beside the
/// installed executable, its runs go under the current folder (or --runs-dir), and a user's own settings and corpus
/// are taken as they are from a clone.
/// </summary>
public sealed class ToolInstallTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    [Fact]
    public void InstalledTool_TrainsHeadlessFromAnotherFolder_WithItsDefaultCorpus_RunsUnderTheRunsDir()
    {
        using var work = TestData.TempFolder();

        var (code, output, error) = tool.Rnntui(work.Path, "train", "--headless", "--steps", "50", "--runs-dir", "my-runs");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("lowest smooth loss ", output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(work.Path, "my-runs")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        Assert.Equal(Path.Combine(tool.Installation, "corpora", "lanterns.txt"), manifest.RootElement.GetProperty("corpus").GetProperty("origin").GetString());
        Assert.Equal("adagrad", manifest.RootElement.GetProperty("plugins").GetProperty("optimizer").GetProperty("name").GetString());
        Assert.Equal(["my-runs"], Directory.GetFileSystemEntries(work.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void InstalledTool_Plugins_ListsTheBuiltInPluginsBesideTheExecutable_WithoutProblems()
    {
        using var work = TestData.TempFolder();

        var (code, output, error) = tool.Rnntui(work.Path, "plugins");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        foreach (var plugin in new[] { "Optimizers.AdaGrad", "Optimizers.Sgd", "Backends.Managed", "Backends.Simd", "Corpora.TextFile" })
        {
            Assert.Contains($" built-in: {Path.Combine(tool.Installation, "Plugins", plugin, plugin + ".dll")}\n", output, StringComparison.Ordinal);
        }

        Assert.Contains($"  built-in: {Path.Combine(tool.Installation, "Plugins")}\n", output, StringComparison.Ordinal);
        Assert.Contains($"  user folder: {Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME")!, "rnntui", "plugins")}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("problem", output, StringComparison.Ordinal);
    }

    [Fact]
    public void InstalledTool_TakesTheUsersOwnSettingsFile_AndACorpusRelativeToTheCurrentFolder()
    {
        using var work = TestData.TempFolder();
        work.File("texts/small.txt", TestData.SmallCorpus);
        var settings = File.ReadAllText(Path.Combine(tool.Installation, "plugins.json")).Replace("corpora/lanterns.txt", "texts/small.txt", StringComparison.Ordinal);
        work.File("mine.json", settings);

        var (code, _, error) = tool.Rnntui(work.Path, "train", "--headless", "--config", "mine.json", "--hidden", "8", "--steps", "50", "--run", "from-config");
        var (other, _, problem) = tool.Rnntui(Path.Combine(work.Path, "texts"), "train", "--headless", "--corpus", "small.txt", "--hidden", "8", "--steps", "50", "--runs-dir", "../runs", "--run", "from-option");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal("", problem);
        Assert.Equal(0, other);
        Assert.Equal(Path.Combine(work.Path, "texts", "small.txt"), CorpusOf(Path.Combine(work.Path, "runs", "from-config")));
        Assert.Equal(Path.Combine(work.Path, "texts", "small.txt"), CorpusOf(Path.Combine(work.Path, "runs", "from-option")));
    }

    [Fact]
    public void InstalledTool_HostAndPlugins_AreReadyToRun()
    {
        string[] assemblies = ["rnntui.dll", "RnnTui.Contracts.dll", "Terminal.Gui.dll", "System.CommandLine.dll", .. new[] { "Optimizers.AdaGrad", "Backends.Simd", "Corpora.TextFile" }.Select(p => Path.Combine("Plugins", p, p + ".dll"))];

        Assert.All(assemblies, assembly =>
        {
            using var pe = new PEReader(File.OpenRead(Path.Combine(tool.Installation, assembly)));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} holds no ReadyToRun code");
        });
    }

    private static string? CorpusOf(string run)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        return manifest.RootElement.GetProperty("corpus").GetProperty("origin").GetString();
    }
}
