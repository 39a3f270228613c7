using RnnTui.Ui;

namespace RnnTui.Tests.Ui;

public sealed class SparklineTests
{
    [Fact]
    public void Render_OneRow_MapsMinimumToLowestAndMaximumToFullBlock()
    {
        var rows = Sparkline.Render([10.0, 20.0, 15.0, 10.0], 1);

        Assert.Equal(["▁█▅▁"], rows);
    }

    [Fact]
    public void Render_TwoRows_FillsTheBottomRowBeneathTallColumns()
    {
        var rows = Sparkline.Render([1.0, 0.0], 2);

        Assert.Equal(["█ ", "█▁"], rows);
    }

    [Fact]
    public void Downsample_MoreValuesThanColumns_AveragesConsecutiveBuckets()
    {
        var columns = Sparkline.Downsample([1.0, 3.0, 5.0, 7.0, 9.0, 11.0], 3);

        Assert.Equal([2.0, 6.0, 10.0], columns);
    }

    [Fact]
    public void Downsample_FewerValuesThanColumns_KeepsEachValue()
    {
        Assert.Equal([4.0, 2.0], Sparkline.Downsample([4.0, 2.0], 80));
    }

    [Fact]
    public void StatusLine_At80Columns_FitsEveryKeyButTheOptionalReset()
    {
        var hints = MainWindow.Keys.Hints(new KeyState(1.0, Paused: true));

        var text = StatusLine.Layout(hints, 80, out _, out _, out var shown);

        Assert.True(text.Length <= 80, text);
        Assert.Equal(hints.Where(h => !h.Optional), shown);
        Assert.Contains("w save", text);
        Assert.Contains("q quit", text);
        Assert.DoesNotContain("r reset", text);
    }

    [Fact]
    public void StatusLine_At100Columns_ShowsEveryKeyIncludingReset()
    {
        var hints = MainWindow.Keys.Hints(new KeyState(1.0, Paused: true));

        var text = StatusLine.Layout(hints, 100, out _, out _, out var shown);

        Assert.True(text.Length <= 100, text);
        Assert.Equal(hints, shown);
        Assert.Contains("r reset", text);
    }
}
