using System.Text.Json;
using RnnTui.Commands;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// Two plugins of one kind with one name (the misbehaving drop-in claims 'adagrad'): neither is used, whichever folder
/// sorts first; the commands that would use the name refuse naming both DLLs, and one is turned off by its path.
/// </summary>
[Collection(ExternalPluginCollection.Name)]
public sealed class PluginClashTests(ExternalPluginBuild build)
{
    private static string BuiltInAdaGrad => Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll");

    private string Misbehaving => Path.Combine(build.Root, "Misbehaving", "Misbehaving.dll");

    private string Clash => $"optimizer 'adagrad' is defined by 2 plugins, {BuiltInAdaGrad} and {Misbehaving}: rnntui will not choose one; "
        + "turn one off by adding the path of its DLL or folder to Plugins:Disabled";

    [Fact]
    public void Get_ANameTwoPluginsClaim_RefusedNamingBothDllsAndHowToTurnOneOff()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var error = Assert.Throws<UsageException>(() => catalog.Get<IOptimizerProvider>("adagrad"));

        Assert.Equal(Clash, error.Message);
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "adagrad");
        Assert.Equal([BuiltInAdaGrad, Misbehaving], Assert.Single(catalog.Clashes).Plugins.Select(p => p.AssemblyPath));
    }

    [Fact]
    public void Clash_RefusedWhicheverFolderSortsFirst()
    {
        using var copies = TestData.TempFolder();
        var first = Copy(Path.Combine(build.Root, "Misbehaving"), Path.Combine(copies.Path, "a", "Misbehaving"));
        var second = Copy(Path.Combine(build.Root, "Misbehaving"), Path.Combine(copies.Path, "b", "Misbehaving"));

        foreach (var roots in new[] { new[] { first, second }, [second, first] })
        {
            var catalog = PluginCatalog.Discover(roots, new HashSet<string>());

            var error = Assert.Throws<UsageException>(() => catalog.Get<IOptimizerProvider>("flaky"));

            var dlls = roots.Select(r => Path.Combine(r, "Misbehaving", "Misbehaving.dll")).ToList();
            Assert.StartsWith($"optimizer 'flaky' is defined by 2 plugins, {dlls[0]} and {dlls[1]}: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Misbehaving")]
    [InlineData("Misbehaving/Misbehaving.dll")]
    [InlineData("")]
    public void DisabledByPath_TheOtherIsUsed(string path)
    {
        var off = Path.Combine(build.Root, path);

        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>([off]));

        Assert.Equal(BuiltInAdaGrad, catalog.Get<IOptimizerProvider>("adagrad").AssemblyPath);
        Assert.Empty(catalog.Clashes);
        var disabled = Assert.Single(catalog.Disabled, d => d.Path == Misbehaving);
        Assert.Equal($"disabled by Plugins:Disabled ({Path.TrimEndingDirectorySeparator(off)})", disabled.Reason);
        Assert.Contains(new PluginName(PluginKind.Optimizer, "adagrad"), disabled.Plugins);
    }

    [Fact]
    public void TrainHeadless_TheDefaultOptimizerClaimedTwice_OneLineNamingBothAndExit2()
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder);

        var (code, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--corpus", Corpus(folder), "--steps", "5", "--runs-dir", folder.Path]);

        Assert.Equal($"rnntui: {Clash}\n", error);
        Assert.Equal(RnnTuiApp.BadInput, code);
    }

    [Fact]
    public void PluginOption_OfAClashingSelection_RefusedWithTheClash()
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder);

        var (code, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--corpus", Corpus(folder), "--eta", "0.05", "--steps", "5", "--runs-dir", folder.Path]);

        Assert.Equal($"rnntui: {Clash}\n", error);
        Assert.Equal(RnnTuiApp.BadInput, code);
    }

    [Fact]
    public void TrainHeadless_OneTurnedOffByAPathRelativeToTheSettingsFile_TrainsWithTheOther()
    {
        using var folder = TestData.TempFolder();
        var relative = Path.GetRelativePath(folder.Path, Path.Combine(build.Root, "Misbehaving"));
        var config = Config(folder, relative);

        var (code, output, error) = CliTests.Run(["train", "--headless", "--config", config, "--corpus", Corpus(folder), "--hidden", "8", "--steps", "5", "--runs-dir", folder.Path]);

        Assert.True(code == RnnTuiApp.Ok, error);
        Assert.Contains("adagrad", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsCommand_ShowsTheClash()
    {
        using var folder = TestData.TempFolder();

        var (code, output, _) = CliTests.Run(["plugins", "--config", Config(folder)]);

        Assert.Equal(RnnTuiApp.Ok, code);
        Assert.Contains($"not used: {Clash}\n", output, StringComparison.Ordinal);
    }

    private string Config(TempFolder folder, params string[] disabled) =>
        folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { build.Root }, Disabled = disabled } }));

    private static string Corpus(TempFolder folder) => folder.File("small.txt", TestData.SmallCorpus);

    /// <summary>Copies a plugin folder into <paramref name="destination"/> and returns the plugin root above it.</summary>
    private static string Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return Path.GetDirectoryName(destination)!;
    }
}
