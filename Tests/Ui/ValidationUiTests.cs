using System.Text.RegularExpressions;

namespace RnnTui.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed partial class ValidationUiTests
{
    [Fact]
    public void LossPane_WithValidation_ShowsTheLatestAndBestValidationLoss()
    {
        using var ui = new UiHarness(80, 24, options: ["--validation", "0.2", "--validation-interval", "20"]);

        var screen = ui.WaitFor(s => ValidationLine().IsMatch(s), "the validation loss");

        // The pane's numbers: the losses, the best smooth loss, then the latest and lowest validation loss.
        var rows = screen.Split('\n');
        var row = Array.FindIndex(rows, r => ValidationLine().IsMatch(r));
        Assert.Contains("best smooth ", rows[row - 1], StringComparison.Ordinal);
        Assert.Contains("update step ", rows[row + 1], StringComparison.Ordinal);
        Assert.Contains("smooth", screen);
    }

    [Fact]
    public void BestKey_WithBestByValidation_NamesTheBestParametersByTheirValidationLoss()
    {
        using var ui = new UiHarness(100, 30, options: ["--validation", "0.2", "--validation-interval", "20", "--best-by", "validation"]);
        ui.WaitFor(s => ValidationLine().IsMatch(s), "the validation loss");

        ui.Press(new Terminal.Gui.Input.Key('b'));

        var screen = ui.WaitFor(s => s.Contains("· from the training state", StringComparison.Ordinal), "the best passage");
        Assert.Matches(@"step [\d,]+ · validation \d+\.\d{3} · T ", screen);
    }

    [Fact]
    public void LossPane_WithoutValidation_ShowsNoValidationLine()
    {
        using var ui = new UiHarness(80, 24);

        var screen = ui.WaitFor(s => s.Contains("steps/s", StringComparison.Ordinal), "training to show");

        Assert.DoesNotMatch(ValidationLine(), screen);
    }

    [GeneratedRegex(@"validation \d+\.\d{3}  best \d+\.\d{3}")]
    private static partial Regex ValidationLine();
}
