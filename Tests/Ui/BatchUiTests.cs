using System.Text.RegularExpressions;

namespace RnnTui.Tests.Ui;

/// <summary>A batched run in the UI: the Run pane names the batch and its threads, and the run trains.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class BatchUiTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void BatchedRun_RunPaneShowsBatchAndThreads_AndItTrains(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--batch", "4", "--threads", "2", "--steps", "1000000"]);

        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && Regex.IsMatch(ScreenText.FrameText(s, "Loss"), @"ETA \d+:\d\d"), "the first updates");

        var run = ScreenText.Frame(screen, "Run");
        Assert.Contains(run, r => r.Contains("batch 4  threads 2", StringComparison.Ordinal));
        Assert.Contains(run, r => r.StartsWith("backend simd", StringComparison.Ordinal));
        Assert.DoesNotContain(run, r => r.EndsWith('…'));
        Assert.Equal(4, ui.Session.Run.Description.Settings.Training.Batch);
    }

    [Fact]
    public void BatchOneRun_RunPaneSaysNothingOfBatches()
    {
        using var ui = new UiHarness(100, 30);

        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");

        Assert.DoesNotContain("batch", ScreenText.FrameText(screen, "Run"), StringComparison.Ordinal);
    }
}
