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
    public void LstmRun_GradientCheckKey_TablesOfItsGatesPass()
    {
        using var ui = new UiHarness(100, 30, options: ["--model", "lstm"]);

        ui.Press(new Key('g'));

        // Above the table, which is longer than the pane.
        var screen = ui.WaitFor("PASS max", seconds: 30);
        Assert.StartsWith("PASS max ", ScreenText.Frame(screen, "Gradient check")[2], StringComparison.Ordinal);
        foreach (var name in new[] { "Ui", "Wi", "bi", "Uf", "Wf" })
        {
            Assert.Matches(new Regex($@"│{name}\s+\d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d \d\.\d{{3}}e[-+]\d\d"), screen);
        }

        var report = ui.Window.GradientCheckPane.Report!;
        Assert.True(report.Result.Passed);
        Assert.Equal(["Ui", "Wi", "bi", "Uf", "Wf", "bf", "Uo", "Wo", "bo", "Ug", "Wg", "bg", "V", "c"], report.Result.Errors.Select(e => e.Name));
    }
}
