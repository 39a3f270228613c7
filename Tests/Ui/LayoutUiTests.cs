using RnnTui.Text;
using RnnTui.Training;
using RnnTui.Ui;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>Every pane and window shows all of its text at 80x24 and 100x30, in the first frame as in the last.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class LayoutUiTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void SamplesPane_FirstFrame_WrapsToThePaneNotToOneColumn(int width, int height)
    {
        // The sample drawn before the first update is waiting when the window is made, before it has a size.
        using var ui = new UiHarness(width, height, trainFirst: true);

        var rows = ScreenText.Frame(ui.Screen, "Samples");

        Assert.StartsWith("▸ step 0 · before training", rows[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 24, 1, 9.123)]
    [InlineData(80, 24, 123, 45.678)]
    [InlineData(100, 30, 123_456, 45.678)]
    [InlineData(100, 30, 12_345, 123.456)]
    public void SampleHeading_TooLongForOneLine_BreaksBetweenFieldsNeverInsideAWordOrNumber(int width, int height, long step, double loss)
    {
        // No sample may come after this one and push it out of sight: the first is drawn before the window, no other.
        using var ui = new UiHarness(width, height, options: ["--sample-interval", "1000000"], trainFirst: true);
        ui.WaitFor("before training");

        ui.Window.SamplesPane.Add(new TrainingSample(step, loss, "text", "on demand, T 1.0"));
        var rows = ScreenText.Frame(ui.WaitFor($"▸ step {Format.Count(step)}"), "Samples");

        foreach (var group in new[] { $"▸ step {Format.Count(step)}", $"smooth {Format.Loss(loss)}", "on demand, T 1.0" })
        {
            Assert.Contains(rows, r => r.Contains(group, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void HelpWindow_ShowsEveryLine(int width, int height)
    {
        using var ui = new UiHarness(width, height);

        ui.Press(new Key('?'));

        var help = ScreenText.Frame(ui.WaitFor("┤Help"), "Help");
        var text = ScreenText.Joined(help);
        foreach (var (keys, sentence) in MainWindow.Keys.Commands.Select(c => (c.Keys, c.Help)).Concat(PlaygroundOverlay.Keys.Commands.Select(c => (c.Keys, c.Help))))
        {
            Assert.Contains($"{keys} {sentence}", text, StringComparison.Ordinal);
        }

        Assert.Contains($"run folder: {ui.Session.Run.Folder.Path}", text, StringComparison.Ordinal);
        Assert.Contains($"log: {UiHarness.LogPath}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(help, r => r.EndsWith('…'));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void RunPane_AfterReset_ShowsThePreviousRunAndEverySetting(int width, int height)
    {
        using var ui = new UiHarness(width, height);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 50, "some updates");
        var old = ui.Session.Run.Folder.Name;

        ui.Press(new Key('r'));
        ui.WaitFor("┤Reset");
        ui.Press(new Key('y'));

        var rows = ScreenText.Frame(ui.WaitFor($"previous {old} at "), "Run");
        var text = ScreenText.Joined(rows);
        var corpus = ui.Session.Run.Description.Corpus;
        foreach (var part in new[]
        {
            ui.Session.Run.Folder.Name, "K 34", "m 16", "seq_length 25", "seed 1", "sig 0.01", "clip 5", "no limit",
            "optimizer adagrad", "eta=0.1, epsilon=1E-08", "backend simd", $"corpus corpus.txt: {Format.Count(corpus.Text.Length)} chars",
        })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(rows, r => r.EndsWith('…'));
    }

    [Fact]
    public void Speed_WhilePaused_IsNotShownAsAStaleFigure()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("steps/s", StringComparison.Ordinal), "the speed");

        ui.Press(new Key('p'));

        var loss = ScreenText.FrameText(ui.WaitFor(s => ScreenText.FrameText(s, "Loss").Contains("PAUSED", StringComparison.Ordinal), "the pause"), "Loss");
        Assert.DoesNotContain("steps/s", loss);
    }

    [Fact]
    public void Speed_WhenFinished_IsNotShownAsAStaleFigure()
    {
        using var ui = new UiHarness(100, 30, options: ["--steps", "30"]);

        var loss = ScreenText.FrameText(ui.WaitFor("finished (step limit)"), "Loss");

        Assert.Contains("update step 30", loss);
        Assert.DoesNotContain("steps/s", loss);
    }

    [Fact]
    public void TerminalTooSmall_30x8_TheWholeMessageFits()
    {
        using var ui = new UiHarness(30, 8);

        var screen = ui.WaitFor("80x24");

        Assert.Contains(
            "This terminal is 30x8. rnntui needs at least 80x24. Enlarge it to see the panes (training goes on), or press q to quit.",
            ScreenText.Joined(ScreenText.Rows(screen)),
            StringComparison.Ordinal);
    }
}
