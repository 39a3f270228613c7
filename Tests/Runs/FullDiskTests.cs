using Microsoft.Extensions.DependencyInjection;
using RnnTui.Commands;
using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

/// <summary>
/// A disk that refuses checkpoints (full, read-only) is said once when saving starts failing and once when it works
/// again; saving is tried again at the next checkpoint moment, not at every update; and when the final state cannot
/// be saved the command names the last good checkpoint and exits 1.
/// </summary>
public sealed class FullDiskTests
{
    [Fact]
    public void DiskFullForAWhile_SaidOnceWhenItFailsAndOnceWhenItRecovers_TriedAtCheckpointMomentsOnly()
    {
        using var folder = TestData.TempFolder();
        var disk = new FlakyDisk(failFrom: 3, failUntil: 6);

        var (code, _, error, runs) = Train(folder, disk, steps: 2000);

        Assert.True(code == 0, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("rnntui: cannot save a checkpoint in ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(": No space left on device; training goes on and saving is tried again at the next checkpoint", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("rnntui: checkpoints are saved again: update step ", lines[1], StringComparison.Ordinal);

        // Every 100 updates and at the end, best checkpoints aside: about 20 tries, not one per update.
        Assert.InRange(disk.LatestWrites, 20, 22);
        Assert.Equal(2000, CheckpointFormat.Read(Path.Combine(runs, "r", "checkpoints", "latest.rnnck")).Step);
    }

    [Fact]
    public void DiskStaysFull_ReportedOnce_TheEndNamesTheLastGoodCheckpointAndExitsOne()
    {
        using var folder = TestData.TempFolder();
        var disk = new FlakyDisk(failFrom: 3, failUntil: int.MaxValue);

        var (code, output, error, runs) = Train(folder, disk, steps: 2000);

        Assert.Equal(1, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("rnntui: cannot save a checkpoint in ", lines[0], StringComparison.Ordinal);
        var latest = Path.Combine(runs, "r", "checkpoints", "latest.rnnck");
        Assert.Equal($"rnntui: the final state (update step 2,000) could not be saved; the last good checkpoint is at update step 200: {latest}", lines[1]);
        Assert.Equal(200, CheckpointFormat.Read(latest).Step);
        Assert.Contains($"checkpoint at update step 200: {latest}", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error, string Runs) Train(TempFolder folder, FlakyDisk disk, int steps)
    {
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json"))
            .Replace("\"EveryUpdates\": 10000", "\"EveryUpdates\": 100", StringComparison.Ordinal)
            .Replace("\"BestEveryUpdates\": 1000", "\"BestEveryUpdates\": 1000000", StringComparison.Ordinal);
        var config = folder.File("plugins.json", json);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        string[] args = ["train", "--headless", "--config", config, "--corpus", corpus, "--hidden", "8", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--runs-dir", runs, "--run", "r", "--progress-interval", "1000000", "--sample-interval", "1000000"];
        var code = RnnTuiApp.Run(args, new CommandConsole(output, error, IsTerminal: false), services: s => s.AddSingleton<ICheckpointWriter>(disk));
        return (code, output.ToString(), error.ToString(), runs);
    }

    /// <summary>A disk that refuses the latest checkpoints from the <c>failFrom</c>-th write until before the <c>failUntil</c>-th.</summary>
    private sealed class FlakyDisk(int failFrom, int failUntil) : ICheckpointWriter
    {
        private readonly AtomicCheckpointWriter _disk = new();

        public int LatestWrites { get; private set; }

        public void Write(string path, ReadOnlyMemory<byte> data)
        {
            if (path.EndsWith("latest.rnnck", StringComparison.Ordinal) && ++LatestWrites >= failFrom && LatestWrites < failUntil)
            {
                throw new IOException("No space left on device");
            }

            _disk.Write(path, data);
        }
    }
}
