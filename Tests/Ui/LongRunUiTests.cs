using System.Text.Json;
using System.Text.RegularExpressions;
using RnnTui.Training;
using RnnTui.Ui;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>
/// A trainer to watch for hours: the UI trains until stopped unless a limit is set, shows the limit with the time left,
/// continues a run that is at its limit, and plots the loss over the whole run or its latest tenth with the validation loss.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class LongRunUiTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void NoLimitGiven_TrainsWithoutOne_RunPaneSaysSo_NoEta_RunJsonRecordsIt(int width, int height)
    {
        using var ui = new UiHarness(width, height);

        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("steps/s", StringComparison.Ordinal), "the speed");

        var training = ui.Session.Run.Description.Settings.Training;
        Assert.Equal((0L, 0L), (training.Steps, training.Epochs));
        Assert.Equal(0, ui.Session.Run.Description.UpdateLimit);
        Assert.Contains("sig 0.01  clip 5  no limit", ScreenText.Frame(screen, "Run"));
        Assert.Contains(ScreenText.Frame(screen, "Loss"), r => Regex.IsMatch(r, @"^[\d,]+ steps/s  \d+:\d\d  running$"));
        Assert.DoesNotContain("ETA", screen, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(ui.Session.Run.Folder.ManifestPath));
        Assert.Equal(0, manifest.RootElement.GetProperty("settings").GetProperty("Training").GetProperty("Steps").GetInt64());
        Assert.Equal(0, manifest.RootElement.GetProperty("settings").GetProperty("Training").GetProperty("Epochs").GetInt64());
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void StepsGiven_RunPaneShowsTheLimit_LossPaneTheTimeLeft(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--steps", "1000000"]);

        var screen = ui.WaitFor(s => Regex.IsMatch(ScreenText.FrameText(s, "Loss"), @"ETA \d+:\d\d"), "the time left");

        Assert.Equal(1_000_000, ui.Session.Run.Description.UpdateLimit);
        Assert.Contains(ScreenText.Frame(screen, "Run"), r => Regex.IsMatch(r, "^sig 0\\.01 +clip 5 +limit 1,000,000 steps$"));
        Assert.Contains(ScreenText.Frame(screen, "Loss"), r => Regex.IsMatch(r, @"^[\d,]+ steps/s  \d+:\d\d  ETA \d+:\d\d(:\d\d)?$"));
        Assert.DoesNotContain(ScreenText.Frame(screen, "Run"), r => r.EndsWith('…'));
    }

    [Fact]
    public void StepsGiven_Paused_NoTimeLeftIsShown()
    {
        using var ui = new UiHarness(100, 30, options: ["--steps", "1000000"]);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('p'));

        var screen = ui.WaitFor(s => ScreenText.FrameText(s, "Loss").Contains("PAUSED", StringComparison.Ordinal), "the pause");
        Assert.DoesNotContain("ETA", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeOfARunAtItsLimit_ContinuesPastItWithoutALimit_AndRecordsThat()
    {
        using var runs = TestData.TempFolder();
        using (var first = new UiHarness(80, 24, options: ["--run", "short", "--steps", "30"], runsDirectory: runs.Path))
        {
            Assert.Contains("limit 30 steps", ScreenText.FrameText(first.WaitFor("finished (step limit)"), "Run"));
            first.Session.Close();
        }

        using var ui = new UiHarness(80, 24, options: ["--resume", "short"], runsDirectory: runs.Path);

        Assert.Equal(30, ui.Session.Run.ResumedFrom!.Step);
        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 60, "training to go past the old limit");
        Assert.Contains("sig 0.01  clip 5  no limit", ScreenText.Frame(screen, "Run"));
        Assert.Equal(TrainerStatus.Running, ui.Session.Trainer.Latest.Status);
        using var manifest = JsonDocument.Parse(File.ReadAllText(ui.Session.Run.Folder.ManifestPath));
        Assert.Equal(0, manifest.RootElement.GetProperty("settings").GetProperty("Training").GetProperty("Steps").GetInt64());
    }

    [Fact]
    public void ResumeOfARunAtItsLimit_CosineScheduleSpanningTheLimit_KeepsItsLength()
    {
        using var runs = TestData.TempFolder();
        using (var first = new UiHarness(80, 24, options: ["--run", "cos", "--steps", "30", "--lr-schedule", "cosine"], runsDirectory: runs.Path))
        {
            first.WaitFor("finished (step limit)");
            first.Session.Close();
        }

        using var ui = new UiHarness(80, 24, options: ["--resume", "cos"], runsDirectory: runs.Path);

        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 60, "training to go past the old limit");
        Assert.Equal(30, ui.Session.Run.Description.Settings.LearningRate.CosineUpdates);
        Assert.Contains("cosine to 0 eta over 30 updates", ui.Session.Run.Description.OptimizerSettings, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(ui.Session.Run.Folder.ManifestPath));
        Assert.Equal(30, manifest.RootElement.GetProperty("settings").GetProperty("LearningRate").GetProperty("CosineUpdates").GetInt64());
    }

    [Fact]
    public void ResumeOfARunAtItsLimit_WithAHigherLimit_TrainsToIt()
    {
        using var runs = TestData.TempFolder();
        using (var first = new UiHarness(80, 24, options: ["--run", "short", "--steps", "30"], runsDirectory: runs.Path))
        {
            first.WaitFor("finished (step limit)");
            first.Session.Close();
        }

        using var ui = new UiHarness(80, 24, options: ["--resume", "short", "--steps", "60"], runsDirectory: runs.Path);

        var screen = ui.WaitFor("finished (step limit)");
        Assert.Contains("update step 60 ", ScreenText.FrameText(screen, "Loss") + " ");
        Assert.Contains("sig 0.01  clip 5  limit 60 steps", ScreenText.Frame(screen, "Run"));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void LossPane_VKey_SwitchesBetweenTheWholeRunAndItsLatestTenth(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--steps", "300"]);
        var screen = ui.WaitFor("finished (step limit)");
        var columns = (width / 2) - 2;

        var whole = ScreenText.Frame(screen, "Loss · whole run");
        Assert.Contains("┤Loss · whole run├", screen);
        Assert.Matches(@"^steps 1–300  smooth \d+\.\d{3}–\d+\.\d{3}$", Range(whole));
        Assert.Equal(columns, Plot(whole).Last().Length);

        ui.Press(new Key('v'));

        screen = ui.WaitFor("┤Loss · latest 10%├");
        var latest = ScreenText.Frame(screen, "Loss · latest 10%");
        Assert.Matches(@"^steps 271–300  smooth \d+\.\d{3}–\d+\.\d{3}$", Range(latest));
        Assert.Equal(30, Plot(latest).Last().Length);
        Assert.Equal(LossView.Latest, ui.Window.LossPane.View);

        ui.Press(new Key('v'));

        Assert.Matches(@"^steps 1–300  smooth ", Range(ScreenText.Frame(ui.WaitFor("┤Loss · whole run├"), "Loss")));
    }

    [Fact]
    public void LossPane_WithAValidationSplit_MarksTheValidationLossInBothViews()
    {
        using var ui = new UiHarness(80, 24, options: ["--steps", "200", "--validation", "0.2", "--validation-interval", "20"]);
        var screen = ui.WaitFor("finished (step limit)");

        Assert.Contains("┤Loss · whole run · • validation├", screen);
        var whole = ScreenText.Frame(screen, "Loss");
        Assert.Matches(@"^steps 1–200  loss \d+\.\d{3}–\d+\.\d{3}$", Range(whole));
        Assert.Equal(10, Plot(whole).Sum(r => r.Count(c => c == LossPane.ValidationMark)));

        ui.Press(new Key('v'));

        screen = ui.WaitFor("┤Loss · latest 10% · • validation├");
        var latest = ScreenText.Frame(screen, "Loss");
        Assert.Matches(@"^steps 181–200  loss ", Range(latest));
        Assert.Equal(1, Plot(latest).Sum(r => r.Count(c => c == LossPane.ValidationMark)));
    }

    [Fact]
    public void LossPane_ResumedRun_PlotsTheHistoryFromItsMetricsWithTheValidationLoss()
    {
        using var runs = TestData.TempFolder();
        using (var first = new UiHarness(80, 24, options: ["--run", "v", "--steps", "200", "--progress-interval", "20", "--validation", "0.2", "--validation-interval", "20"], runsDirectory: runs.Path))
        {
            first.WaitFor("finished (step limit)");
            first.Session.Close();
        }

        using var ui = new UiHarness(80, 24, options: ["--resume", "v"], runsDirectory: runs.Path);
        ui.Press(new Key('p'));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Paused, "training to pause");

        var screen = ui.WaitFor("┤Loss · whole run · • validation├");
        var range = Range(ScreenText.Frame(screen, "Loss"));
        Assert.Matches(@"^steps 20–[\d,]+  loss ", range);
        Assert.Equal(
            [.. Enumerable.Range(1, 10).Select(i => i * 20L)],
            ui.Session.Trainer.ValidationHistory.ToArray().Select(p => p.Step).Take(10));
    }

    /// <summary>The sparkline's rows: the rows above the range line.</summary>
    private static List<string> Plot(IReadOnlyList<string> pane) => [.. pane.TakeWhile(r => !r.StartsWith("steps ", StringComparison.Ordinal))];

    private static string Range(IReadOnlyList<string> pane) => pane.First(r => r.StartsWith("steps ", StringComparison.Ordinal));
}
