using System.Diagnostics;
using RnnTui.Runs;

namespace RnnTui.Tests.Reliability;

public sealed class InputAndSecurityTests
{
    [Fact]
    public void HugeCorpus_RefusedNamingTheSizeLimit()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("big.txt", string.Concat(Enumerable.Repeat("0123456789", 500)));
        var config = folder.File("plugins.json", DefaultSettings().Replace("\"textfile\": {", "\"textfile\": { \"maxBytes\": 1000,", StringComparison.Ordinal));

        var (code, _, error) = Cli.CliTests.Run(["train", "--headless", "--config", config, "--corpus", corpus]);

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: corpus file is 5,000 bytes, over the limit of 1,000 bytes: {corpus}\n", error);
    }

    [Fact]
    public void Plugins_NeverLoadedFromTheCurrentFolder()
    {
        using var folder = TestData.TempFolder();
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.Sgd"), Path.Combine(folder.Path, "Plugins", "Optimizers.Sgd"));
        folder.File("corpus.txt", TestData.SmallCorpus);
        var start = Cli.ProcessTests.StartInfo(["plugins"]);
        start.WorkingDirectory = folder.Path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain(folder.Path, output, StringComparison.Ordinal);
        Assert.DoesNotContain("problem", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.Sgd", "Optimizers.Sgd.dll"), output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointFolderCannotBeWritten_ErrorShownTrainingGoesOnOldCheckpointIntact()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var config = folder.File("plugins.json", DefaultSettings().Replace("\"EveryUpdates\": 10000", "\"EveryUpdates\": 5", StringComparison.Ordinal));
        var runs = Path.Combine(folder.Path, "runs");
        string[] common = ["--headless", "--config", config, "--corpus", corpus, "--hidden", "8", "--runs-dir", runs];
        Assert.Equal(0, Cli.CliTests.Run(["train", "--run", "r", "--steps", "20", .. common]).Code);
        var checkpoints = Path.Combine(runs, "r", "checkpoints");
        var latest = Path.Combine(checkpoints, "latest.rnnck");
        var before = File.ReadAllBytes(latest);

        // Root ignores permission bits, so the folder is made immutable: nothing can be created or renamed in it.
        Chattr("+i", checkpoints);
        try
        {
            var (code, output, error) = Cli.CliTests.Run(["train", "--resume", "r", "--steps", "40", .. common]);

            // Training went on to its limit; the final state could not be saved, so the command says where the last good checkpoint is and fails.
            Assert.Equal(1, code);
            var lines = error.TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"rnntui: cannot save a checkpoint in {checkpoints}: ", lines[0], StringComparison.Ordinal);
            Assert.Equal($"rnntui: the final state (update step 40) could not be saved; the last good checkpoint is at update step 20: {latest}", lines[1]);
            Assert.Matches(@"lowest smooth loss [\d.]+ at update step \d+", output);
            Assert.Contains("step        40", output, StringComparison.Ordinal);
        }
        finally
        {
            Chattr("-i", checkpoints);
        }

        Assert.Equal(before, File.ReadAllBytes(latest));
        Assert.Equal(20, CheckpointFormat.Read(latest).Step);
    }

    private static string DefaultSettings() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json"));

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {path}: {error}");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
