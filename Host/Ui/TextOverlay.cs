using RnnTui.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>A long text, scrolled with the arrow and page keys; Esc, q or b closes it.</summary>
/// <remarks>
/// Its keys are Terminal.Gui key bindings: every one has a <see cref="Command"/> of Terminal.Gui's own (scrolling,
/// Cancel), unlike the main screen's (see <see cref="KeyTable{T}"/>).
/// </remarks>
internal sealed class TextOverlay : Overlay
{
    private string _heading = "";
    private string _text = "";
    private Tone _style = Tone.Normal;

    public TextOverlay(IApplication app)
        : base(app, "Text")
    {
        Height = Dim.Percent(80);

        // Only these keys: the dialog's own (Enter accepts, Space activates) would close it or do nothing useful.
        KeyBindings.Clear();
        KeyBindings.Add(Key.Esc, Command.Cancel);
        KeyBindings.Add('q', Command.Cancel);
        KeyBindings.Add('b', Command.Cancel);
        KeyBindings.Add(Key.CursorDown, Command.Down);
        KeyBindings.Add(Key.CursorUp, Command.Up);
        KeyBindings.Add(Key.PageDown, Command.PageDown);
        KeyBindings.Add(Key.Space, Command.PageDown);
        KeyBindings.Add(Key.PageUp, Command.PageUp);
        KeyBindings.Add(Key.Home, Command.Start);
        KeyBindings.Add(Key.End, Command.End);
        AddCommand(Command.Down, () => Scrolled(1));
        AddCommand(Command.Up, () => Scrolled(-1));
        AddCommand(Command.PageDown, () => Scrolled(Page));
        AddCommand(Command.PageUp, () => Scrolled(-Page));
        AddCommand(Command.Start, () => ScrolledTo(0));
        AddCommand(Command.End, () => ScrolledTo(int.MaxValue));
    }

    public string Body => _text;

    private int Page => Math.Max(1, Lines.Viewport.Height - 1);

    /// <summary>Shows a title and a message (e.g. while the text is being generated).</summary>
    public void Show(string title, string heading, string text, Tone style = Tone.Normal)
    {
        Title = title;
        _heading = heading;
        _text = text;
        _style = style;
        Open();
        Lines.Top = 0;
    }

    public override void Refresh()
    {
        var lines = new List<Line> { new(_heading, Tone.Heading) };
        lines.AddRange(LinesView.Wrap(SafeText.Escape(_text), TextWidth).Select(l => new Line(l, _style)));
        lines.Add(new Line("↑/↓ PgUp/PgDn Home/End scroll · Esc closes", Tone.Dim));
        Lines.SetLines(lines);
    }

    private bool? Scrolled(int lines) => ScrolledTo(Lines.Top + lines);

    private bool? ScrolledTo(int top)
    {
        Lines.Top = top;
        return true;
    }
}
