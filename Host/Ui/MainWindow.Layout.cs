using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

internal sealed partial class MainWindow
{
    /// <summary>The smallest terminal the panes fit in; below it the window says so instead.</summary>
    public const int MinimumWidth = 80;

    public const int MinimumHeight = 24;

    /// <summary>Rows of the gradient check and run panes (the gradient check's nine lines and a border).</summary>
    private const int BottomHeight = 11;

    /// <summary>
    /// Two columns of panes: loss over gradient check on the left, samples over run on the right; the top row takes
    /// the height the bottom row and status line leave, so the sparkline and samples grow with the terminal.
    /// </summary>
    private void Arrange()
    {
        _loss.X = 0;
        _loss.Y = 0;
        _loss.Width = Dim.Percent(50);
        _loss.Height = Dim.Fill(BottomHeight + 1);

        _samples.X = Pos.Right(_loss);
        _samples.Y = 0;
        _samples.Width = Dim.Fill();
        _samples.Height = Dim.Fill(BottomHeight + 1);

        _check.X = 0;
        _check.Y = Pos.AnchorEnd(BottomHeight + 1);
        _check.Width = Dim.Percent(50);
        _check.Height = BottomHeight;

        _run.X = Pos.Right(_check);
        _run.Y = Pos.AnchorEnd(BottomHeight + 1);
        _run.Width = Dim.Fill();
        _run.Height = BottomHeight;

        _status.X = 0;
        _status.Y = Pos.AnchorEnd(1);

        _tooSmall.X = Pos.Center();
        _tooSmall.Y = Pos.Center();
        _tooSmall.Visible = false;

        Add(_loss, _samples, _check, _run, _status, _tooSmall);
    }

    /// <summary>Hides the panes and explains why when the terminal is smaller than the layout needs.</summary>
    private void CheckSize()
    {
        var size = _app.Screen.Size;
        var tooSmall = size.Width < MinimumWidth || size.Height < MinimumHeight;
        if (tooSmall == _tooSmall.Visible && (!tooSmall || size == _tooSmallFor))
        {
            return;
        }

        if (tooSmall)
        {
            _tooSmallFor = size;
            _tooSmall.Text = TooSmallText(size.Width, size.Height);
        }

        _tooSmall.Visible = tooSmall;
        foreach (var pane in new View[] { _loss, _samples, _check, _run, _status })
        {
            pane.Visible = !tooSmall;
        }

        SetNeedsLayout();
        SetNeedsDraw();
    }

    /// <summary>
    /// Why the panes are hidden, wrapped between words to the terminal's width (less a column each side); when that
    /// is taller than the terminal, a shorter version.
    /// </summary>
    private static string TooSmallText(int width, int height)
    {
        var lineWidth = Math.Max(1, width - 2);
        var lines = WordWrap.Lines(
            $"This terminal is {width}x{height}.\nrnntui needs at least {MinimumWidth}x{MinimumHeight}.\n" +
            "Enlarge it to see the panes (training goes on), or press q to quit.",
            lineWidth).ToList();
        if (lines.Count > height)
        {
            lines = WordWrap.Lines($"{width}x{height} is too small; rnntui needs {MinimumWidth}x{MinimumHeight}. q quits.", lineWidth).ToList();
        }

        return string.Join('\n', lines);
    }
}
