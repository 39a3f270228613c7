using System.Text.RegularExpressions;
using RnnTui.Text;
using RnnTui.Training;
using RnnTui.Ui;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed partial class MainWindowTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void Render_AtSize_ShowsFourPanesAndEveryKeyInTheStatusLine(int width, int height)
    {
        using var ui = new UiHarness(width, height);

        var screen = ui.WaitFor(s => UpdateStep(s) > 0 && s.Contains("steps/s", StringComparison.Ordinal), "training to show");

        var rows = screen.Split('\n').Select(r => r.TrimEnd('\r')).ToArray();
        foreach (var title in new[] { "Loss · whole run", "Samples", "Gradient check", "Run" })
        {
            Assert.Contains($"┤{title}├", screen);
        }

        var status = rows[height - 1];
        foreach (var hint in new[] { "pause", "s sample", "T 1.0", "t prime", "b best", "g check", "y", "play", "w save", "? help", "q quit" })
        {
            Assert.Contains(hint, status);
        }

        Assert.Contains("K 34  m 16  seq_length 25", screen);
        Assert.Contains($"run {ui.Session.Run.Folder.Name}", screen);
        Assert.Contains(width > 80 ? "r reset" : "w save", status);
        Assert.Contains("adagrad", screen);
        Assert.Contains("smooth", screen);
        Assert.Matches(@"epoch \d+ \(\d+\.\d%\)", screen);
        Assert.Matches("[▁▂▃▄▅▆▇█]", screen);
        Assert.All(rows.Take(height), r => Assert.True(r.TrimEnd().Length <= width, $"row wider than {width}: {r}"));
    }

    [Fact]
    public void Render_TerminalTooSmall_SaysSoInsteadOfThePanes()
    {
        using var ui = new UiHarness(60, 18);

        var screen = ui.WaitFor("needs at least 80x24");

        Assert.Contains("60x18", screen);
        Assert.DoesNotContain("┤Loss · whole run├", screen);

        ui.Resize(80, 24);
        Assert.Contains("┤Loss · whole run├", ui.WaitFor("┤Loss · whole run├"));
    }

    [Fact]
    public void PauseKey_ShowsPausedAndStopsTheStep_SpaceResumes()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('p'));
        var paused = ui.WaitFor("PAUSED");
        var step = UpdateStep(ui.WaitFor(s => s.Contains("resume", StringComparison.Ordinal), "the resume hint"));
        Thread.Sleep(150);
        Assert.Equal(step, UpdateStep(ui.WaitFor("PAUSED")));
        Assert.Contains("resume", paused);

        ui.Press(Key.Space);
        ui.WaitFor(s => s.Contains("running", StringComparison.Ordinal) && UpdateStep(s) > step, "training to resume");
    }

    [Fact]
    public void SampleKey_AddsAnOnDemandSampleHeadedByStepAndSmoothLoss()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('s'));

        var screen = ui.WaitFor("on demand, T 1.0");
        var sample = ui.Window.SamplesPane.Samples[0];
        Assert.Equal(200, sample.Text.Length);
        Assert.Contains($"▸ step {Format.Count(sample.Step)} · smooth {Format.Loss(sample.SmoothLoss)}", screen);
    }

    [Fact]
    public void GradientCheckKey_ShowsTheTablesAndPass()
    {
        using var ui = new UiHarness(80, 24);

        ui.Press(new Key('g'));

        var screen = ui.WaitFor("PASS max", seconds: 15);
        Assert.Contains("m 5", screen);
        foreach (var name in new[] { "U", "W", "V", "b", "c" })
        {
            Assert.Matches(new Regex($@"│{name}\s+\d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d"), screen);
        }

        Assert.True(ui.Window.GradientCheckPane.Report!.Result.Passed);
    }

    /// <summary>A float32 backend cannot pass at 1e-5: the pane says why beside the verdict, on screen at either size.</summary>
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void GradientCheckKey_Float32Backend_ShowsFailAndWhyOnScreen(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--precision", "f32"]);

        ui.Press(new Key('g'));

        var screen = ui.WaitFor("FAIL max", seconds: 15);
        Assert.Contains("f32 backend: needs float64 to pass", ScreenText.FrameText(screen, "Gradient check"), StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesPane_EscapeCharacterFromTheCorpus_IsShownAsItsVisibleSymbol()
    {
        // Untrained, the model draws each of the corpus's 14 characters about equally: 200 draws all but surely include ESC.
        var corpus = string.Concat(Enumerable.Repeat("\u001b[1mbold\u001b[0m plain\n", 50));
        using var ui = new UiHarness(100, 30, corpus);

        var screen = ui.WaitFor("␛");

        Assert.Contains(ui.Window.SamplesPane.Samples, s => s.Text.Contains('\u001b'));
        Assert.DoesNotContain('\u001b', screen);
    }

    [Fact]
    public void TemperatureKeys_RaiseAndLowerTheShownTemperature()
    {
        using var ui = new UiHarness(100, 30);

        ui.Press(new Key('+'));
        ui.Press(new Key('+'));
        Assert.Contains("T 1.2", ui.WaitFor("T 1.2"));
        ui.Press(new Key('-'));

        Assert.Contains("T 1.1", ui.WaitFor("T 1.1"));
        Assert.Equal(1.1, ui.Session.Temperature, 10);
        ui.Await(ui.Session.Trainer.CaptureAsync());  // requests run in order: the temperature's has run before this one
        Assert.Equal(1.1, ui.Session.Trainer.SampleTemperature, 10);
    }

    [Fact]
    public void HelpKey_ListsEveryKey_AnyKeyCloses()
    {
        using var ui = new UiHarness(80, 24);

        ui.Press(new Key('?'));

        var screen = ui.WaitFor("┤Help");
        foreach (var hint in MainWindow.Keys.Hints(new KeyState(1, Paused: false)))
        {
            Assert.Contains(hint.Help, screen);
        }

        Assert.Contains("tab", screen);
        ui.Press(Key.Esc);
        Assert.DoesNotContain("┤Help", ui.WaitFor(s => !s.Contains("┤Help", StringComparison.Ordinal), "help to close"));
    }

    [Fact]
    public void BestKey_ShowsAThousandCharactersFromTheBestParameters()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('b'));

        ui.WaitFor("· from the training state");
        Assert.Equal(MainWindow.BestSampleLength, ui.Window.TextWindow.Body.Length);
        ui.Press(Key.PageDown);
        ui.Press(Key.Esc);
        ui.WaitFor(s => !s.Contains("┤Best parameters", StringComparison.Ordinal), "the window to close");
    }

    [Fact]
    public void PrimeKey_SamplesFromTheTypedText()
    {
        using var ui = new UiHarness(100, 30);

        ui.Press(new Key('t'));
        ui.WaitFor("┤Priming text");
        ui.Type("The ");
        ui.Press(Key.Enter);

        ui.WaitFor("primed \"The \"");
        Assert.StartsWith("The ", ui.Window.SamplesPane.Samples[0].Text);
    }

    [Fact]
    public void PrimeKey_CharacterTheModelCannotRead_EnterKeepsTheWindowAndSaysWhy()
    {
        using var ui = new UiHarness(100, 30);
        ui.Press(new Key('t'));
        ui.WaitFor("┤Priming text");

        ui.Type("Zé");
        ui.Press(Key.Enter);

        var screen = ui.WaitFor("not among the corpus");
        Assert.Contains("┤Priming text", screen);
        Assert.Contains("'Z' (U+005A)", screen);
        ui.Press(Key.Esc);
        Assert.Null(ui.Window.OpenWindow);
        Assert.DoesNotContain(ui.Window.SamplesPane.Samples, s => s.Origin.StartsWith("primed", StringComparison.Ordinal));
    }

    [Fact]
    public void ResetKey_AfterConfirming_StartsAFreshRun()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => UpdateStep(s) > 50, "some updates");
        var before = ui.Session.Trainer;

        ui.Press(new Key('r'));
        ui.WaitFor("┤Reset");
        ui.Press(new Key('y'));

        Assert.NotSame(before, ui.Session.Trainer);
        Assert.Equal(1, ui.Session.Generation);
        ui.WaitFor(s => !s.Contains("┤Reset", StringComparison.Ordinal), "the question to close");
        Assert.True(ui.Session.Trainer.Latest.Step < before.Latest.Step);
    }

    [Fact]
    public void ResetKey_StartsANewRunFolder_TheOldOneKeepsItsFinalCheckpoint()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => UpdateStep(s) > 50, "some updates");
        var old = ui.Session.Run.Folder;

        ui.Press(new Key('r'));
        ui.WaitFor("┤Reset");
        ui.Press(new Key('y'));

        var folder = ui.Session.Run.Folder;
        Assert.NotEqual(old.Path, folder.Path);
        Assert.Equal(ui.RunsDirectory, Path.GetDirectoryName(folder.Path));
        var kept = RnnTui.Runs.CheckpointFormat.Read(old.LatestPath);
        Assert.True(kept.Step > 50);
        Assert.Contains($"previous {old.Name} at {Format.Count(kept.Step)}", ui.WaitFor(folder.Name));
    }

    [Fact]
    public void QuitKey_WhileTraining_AsksFirst_NoKeepsRunning_YesStopsTheTrainer()
    {
        using var ui = new UiHarness(80, 24);
        ui.WaitFor(s => UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('q'));
        ui.WaitFor("Stop training and quit rnntui?");
        ui.Press(new Key('n'));
        ui.WaitFor(s => !s.Contains("┤Quit", StringComparison.Ordinal), "the question to close");
        Assert.NotEqual(TrainerStatus.Stopped, ui.Session.Trainer.Latest.Status);

        ui.Press(Key.C.WithCtrl);
        ui.WaitFor("Stop training and quit rnntui?");
        ui.Press(Key.Enter);
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Stopped, "the trainer to stop");
    }

    /// <summary>The number after "update step" on the loss pane, or -1.</summary>
    internal static long UpdateStep(string screen)
    {
        var match = UpdateStepPattern().Match(screen);
        return match.Success ? long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"update step ([\d,]+)")]
    private static partial Regex UpdateStepPattern();
}
