using RnnTui.Training;
using RnnTui.Ui;

namespace RnnTui.Tests.Ui;

/// <summary>The Loss pane's plot of a long run: bounded history, the columns of each view, and the validation marks.</summary>
public sealed class LossColumnsTests
{
    [Fact]
    public void LossHistory_TenMillionUpdates_KeepsAtMostItsCapacity_FromTheFirstUpdateToTheLatest()
    {
        var history = new LossHistory();

        for (var step = 1L; step <= 10_000_000; step++)
        {
            history.Add(step, 1.0 / step);
        }

        var points = history.ToArray();
        Assert.InRange(points.Length, 2048, 4096);
        Assert.Equal(1, points[0].Step);
        Assert.Equal(10_000_000 - (10_000_000 % history.Stride), points[^1].Step);
        Assert.All(points.Skip(1), p => Assert.Equal(0, p.Step % history.Stride));
    }

    [Fact]
    public void WholeRun_CoversTheFirstPointToNow_OneColumnPerShareOfTheSteps()
    {
        (long, double)[] training = [.. Enumerable.Range(1, 100).Select(i => ((long)i, (double)i))];

        var plot = LossColumns.Of(LossView.WholeRun, training, [], now: 100, width: 10);

        Assert.Equal((1L, 100L), (plot.From, plot.To));
        Assert.Equal([5.5, 15.5, 25.5, 35.5, 45.5, 55.5, 65.5, 75.5, 85.5, 95.5], plot.Training);
        Assert.False(plot.HasValidation);
    }

    [Fact]
    public void Latest_CoversTheLatestTenthOfTheSteps()
    {
        (long, double)[] training = [.. Enumerable.Range(1, 1000).Select(i => ((long)i, (double)i))];

        var plot = LossColumns.Of(LossView.Latest, training, [], now: 1000, width: 50);

        Assert.Equal((901L, 1000L), (plot.From, plot.To));
        Assert.Equal(50, plot.Training.Length);
        Assert.Equal(901.5, plot.Training[0]);
    }

    [Fact]
    public void ResumedHistory_SparseBeforeTheResume_KeepsItsProportionsByStep()
    {
        // Metrics lines every 1,000 updates up to the resume at 4,000, then every update.
        (long, double)[] training = [(1000, 8), (2000, 6), (3000, 4), (4000, 3), .. Enumerable.Range(4001, 3999).Select(i => ((long)i, 2.0))];

        var plot = LossColumns.Of(LossView.WholeRun, training, [(2000, 7), (7999, 5)], now: 7999, width: 7);

        Assert.Equal((1000L, 7999L), (plot.From, plot.To));
        Assert.Equal([8, 6, 4, 2.001, 2, 2, 2], plot.Training.Select(v => Math.Round(v, 9)).ToArray());
        Assert.Equal(7, plot.Validation.Length);
        Assert.Equal(7, plot.Validation[1]);
        Assert.Equal(5, plot.Validation[6]);
        Assert.True(double.IsNaN(plot.Validation[0]));
        Assert.True(plot.HasValidation);
    }

    [Fact]
    public void Mark_PutsTheValidationLossInTheCellItReachesOnTheSharedScale()
    {
        var range = (0.0, 10.0);
        var rows = Sparkline.Render([0.0, 10.0, 5.0], 2, range);

        var marked = Sparkline.Mark(rows, [10.0, double.NaN, 0.0], range, '•');

        Assert.Equal([" █▁", "▁██"], rows);
        Assert.Equal(["•█▁", "▁█•"], marked);
    }

    [Fact]
    public void PaneTitle_SaysWhichViewAndNamesTheValidationMark()
    {
        Assert.Equal("Loss · whole run", LossPane.TitleFor(LossView.WholeRun, validation: false));
        Assert.Equal("Loss · latest 10% · • validation", LossPane.TitleFor(LossView.Latest, validation: true));
    }
}
