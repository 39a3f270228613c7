using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// A window drawn over the panes, hidden until opened. While it is open the main window sends it every key, so it
/// needs no focus of its own; it closes itself (or is closed) and the panes take the keys again.
/// </summary>
internal abstract class Overlay : FrameView
{
    protected Overlay(string title)
    {
        Title = title;
        Visible = false;
        CanFocus = false;
        X = Pos.Center();
        Y = Pos.Center();
        Width = Dim.Percent(84);
        Height = Dim.Percent(80);
        Lines = new LinesView();
        Add(Lines);
    }

    protected LinesView Lines { get; }

    public bool IsOpen => Visible;

    /// <summary>Raised when the overlay closes.</summary>
    public event Action? Closed;

    public void Open()
    {
        Visible = true;
        Refresh();
        SetNeedsLayout();
        SetNeedsDraw();
    }

    public void Close()
    {
        if (!Visible)
        {
            return;
        }

        Visible = false;
        SuperView?.SetNeedsDraw();
        Closed?.Invoke();
    }

    /// <summary>Handles a key while open; every key is taken, so none reaches the panes beneath.</summary>
    public abstract void HandleKey(Key key);

    /// <summary>Rebuilds the lines for the current width.</summary>
    public abstract void Refresh();

    /// <summary>The inner width to lay text out in.</summary>
    protected int TextWidth => Math.Max(10, Lines.Viewport.Width > 0 ? Lines.Viewport.Width : (SuperView?.Viewport.Width ?? 80) * 84 / 100 - 2);

    /// <summary>The typed character of a key, if it types one (no Ctrl or Alt, not a control character).</summary>
    protected static bool TryTyped(Key key, out char typed)
    {
        typed = '\0';
        if (key.IsCtrl || key.IsAlt)
        {
            return false;
        }

        var text = key.GetPrintableText();
        if (text.Length != 1 || char.IsControl(text[0]))
        {
            return false;
        }

        typed = text[0];
        return true;
    }
}
