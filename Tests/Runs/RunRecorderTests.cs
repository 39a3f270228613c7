using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Tests.Runs;

public sealed class RunRecorderTests
{
    [Fact]
    public void Recorder_SavesLatestEveryNUpdatesAndAtTheEnd_BestThrottled()
    {
        using var bed = new RunBed();
        var settings = SettingsWith(bed, everyUpdates: 25, bestEveryUpdates: 10);
        using var session = Launch.Start(settings, "policy");
        var saved = new List<CheckpointSaved>();
        session.Recorder.Saved += saved.Add;

        session.Trainer.RunLoop();

        var latest = saved.Where(s => s.Path == session.Folder.LatestPath).Select(s => s.Step).ToList();
        var best = saved.Where(s => s.Path == session.Folder.BestPath).Select(s => s.Step).ToList();
        Assert.Equal([25L, 50L, 60L], latest);
        Assert.Equal(60L, best[^1]);
        Assert.All(best.Zip(best.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 10 || latest.Contains(pair.Second), $"best saved at {pair.First} and {pair.Second}"));
        Assert.Equal(60, CheckpointFormat.Read(session.Folder.BestPath).BestStep);
    }

    [Fact]
    public async Task SaveNowAsync_FromAnotherThread_WritesBetweenUpdates()
    {
        using var bed = new RunBed();
        var settings = SettingsWith(bed, everyUpdates: 1_000_000, bestEveryUpdates: 1_000_000, steps: 0);
        using var session = Launch.Start(settings, "now", keepAlive: true);
        var thread = new Thread(() => session.Trainer.RunLoop()) { IsBackground = true };
        thread.Start();

        var path = await session.Recorder.SaveNowAsync(session.Trainer);
        var step = session.Recorder.LastSavedStep;
        session.Trainer.RequestStop();
        thread.Join();

        Assert.Equal(session.Folder.LatestPath, path);
        Assert.True(step >= 0);
        Assert.True(CheckpointFormat.Read(path).Step >= step);
    }

    private static AppSettings SettingsWith(RunBed bed, long everyUpdates, long bestEveryUpdates, long steps = 60)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json"))
            .Replace("\"EveryUpdates\": 10000", $"\"EveryUpdates\": {everyUpdates}", StringComparison.Ordinal)
            .Replace("\"BestEveryUpdates\": 1000", $"\"BestEveryUpdates\": {bestEveryUpdates}", StringComparison.Ordinal)
            .Replace("\"BestEverySeconds\": 30", "\"BestEverySeconds\": 0", StringComparison.Ordinal);
        var config = Path.Combine(bed.Root, "plugins.json");
        File.WriteAllText(config, json);
        return TestData.Settings("train", "--config", config, "--corpus", bed.Corpus, "--hidden", "8", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--runs-dir", bed.RunsDirectory, "--progress-interval", "10");
    }
}
