using System.Text.RegularExpressions;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>An LSTM run in the UI: the Run pane names the model, it trains, and the gradient check covers its gates.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ModelUiTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void LstmRun_RunPaneNamesTheModel_AndItTrains(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--model", "lstm", "--layers", "2", "--dropout", "0.2", "--steps", "1000000"]);

        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && Regex.IsMatch(ScreenText.FrameText(s, "Loss"), @"ETA \d+:\d\d"), "the first updates");

        var run = ScreenText.Frame(screen, "Run");
        Assert.Contains(run, r => r.StartsWith("model lstm (dropout=0.2, layers=2)", StringComparison.Ordinal));
        Assert.DoesNotContain(run, r => r.EndsWith('…'));
        Assert.Equal("lstm", ui.Session.Run.Description.Shape.Model);
        Assert.Contains("gradients of the 26 lstm parameters", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void LstmRunWithDropout_Playground_PredictsFromTheWholeState()
    {
        using var ui = new UiHarness(100, 30, options: ["--model", "lstm", "--layers", "2", "--dropout", "0.2"]);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 20, "some updates");
        ui.Press(new Key('p'));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == RnnTui.Training.TrainerStatus.Paused, "training to pause");

        ui.Press(new Key('y'));
        ui.WaitUntil(() => ui.Window.Playground.PredictedFor == "", "the predictions before any text");
        ui.Type("The kee");
        ui.WaitUntil(() => ui.Window.Playground.PredictedFor == "The kee", "the predictions");

        var screen = ui.WaitFor("next character");
        Assert.DoesNotContain("prediction failed", screen, StringComparison.Ordinal);
        Assert.Equal(5, ui.Window.Playground.Predictions.Count);
        Assert.InRange(ui.Window.Playground.Predictions.Sum(p => p.Probability), 0.01, 1.0);
    }

    [Fact]
    public void LstmRunWithDropout_GradientCheckKey_TablesOfItsGatesPass()
    {
        // The check's kernel never drops out: its analytic gradient is compared with differences of Step, which does not.
        using var ui = new UiHarness(100, 30, options: ["--model", "lstm", "--layers", "2", "--dropout", "0.5"]);

        ui.Press(new Key('g'));

        // Above the table, which is longer than the pane.
        var screen = ui.WaitFor("PASS max", seconds: 30);
        Assert.StartsWith("PASS max ", ScreenText.Frame(screen, "Gradient check")[2], StringComparison.Ordinal);
        foreach (var name in new[] { "Ui1", "Wi1", "bi1", "Uf1", "Wf1" })
        {
            Assert.Matches(new Regex($@"│{name}\s+\d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d"), screen);
        }

        var report = ui.Window.GradientCheckPane.Report!;
        Assert.True(report.Result.Passed);
        Assert.Equal(
            ["Ui1", "Wi1", "bi1", "Uf1", "Wf1", "bf1", "Uo1", "Wo1", "bo1", "Ug1", "Wg1", "bg1", "Ui2", "Wi2", "bi2", "Uf2", "Wf2", "bf2", "Uo2", "Wo2", "bo2", "Ug2", "Wg2", "bg2", "V", "c"],
            report.Result.Errors.Select(e => e.Name));
    }
}
