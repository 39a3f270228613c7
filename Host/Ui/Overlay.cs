using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// A window over the panes: a Terminal.Gui <see cref="Dialog"/>, begun as a session of its own while open, so that
/// Terminal.Gui sends it the keys and draws it over the main window. It never blocks: <c>app.Run(dialog)</c> and
/// <c>MessageBox.Query</c> (which calls it) run a nested loop until the dialog stops, which would hold up the command
/// that opened it and the in-memory tests, which drive the application from their own thread; <c>Begin</c> and
/// <c>End</c> are the halves of <c>Run</c> without the loop.
/// </summary>
internal abstract class Overlay : Dialog
{
    private readonly IApplication _app;
    private SessionToken? _token;

    protected Overlay(IApplication app, string title)
    {
        _app = app;
        Title = title;

        // Framed like the panes (╭┤Title├), with no shadow: its margin would take a column and a row from the window
        // (null, not None, drops the margin too). The terminal's own title stays rnntui's.
        BorderStyle = LineStyle.Rounded;
        ShadowStyle = null;
        Border.Settings &= ~BorderSettings.TerminalTitle;
        Width = Dim.Percent(84);

        // The height stays the dialog's own (its content and its buttons) unless a window sets one.
        Lines = new LinesView();
        Add(Lines);
        KeyBindings.Add(Key.Esc, Command.Cancel);
        AddCommand(Command.Cancel, () =>
        {
            Close();
            return true;
        });
    }

    protected LinesView Lines { get; }

    public bool IsOpen => _token is not null;

    public void Open()
    {
        if (!IsOpen)
        {
            StopRequested = false;
            _token = _app.Begin(this);

            // Begin may put off drawing until the terminal has answered its startup queries; the text is laid out
            // for the window's width, so lay the window out now.
            Layout();
        }

        Refresh();
        SetNeedsLayout();
        SetNeedsDraw();
    }

    public void Close()
    {
        if (_token is not { } token)
        {
            return;
        }

        // Only the top session can end cleanly (End pops the stack), so windows opened over this one close first.
        while (_app.TopRunnableView is Overlay { IsOpen: true } above && above != this)
        {
            above.Close();
        }

        _token = null;
        _app.End(token);
        OnClosed();
    }

    /// <summary>
    /// Where a Dialog's buttons and its Accept end up, once they have set <see cref="Dialog.Result"/>: with no loop
    /// of its own to stop, the window closes now.
    /// </summary>
    public override void RequestStop() => Close();

    /// <summary>Rebuilds the lines for the current width.</summary>
    public abstract void Refresh();

    /// <summary>Called once the window has closed and the main window has the keys again.</summary>
    protected virtual void OnClosed()
    {
    }

    /// <summary>The inner width to lay text out in.</summary>
    protected int TextWidth => Math.Max(10, Lines.Viewport.Width);
}
