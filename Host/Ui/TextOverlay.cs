using RnnTui.Text;
using Terminal.Gui.Input;

namespace RnnTui.Ui;

/// <summary>A long text, scrolled with the arrow and page keys; Esc or q closes it.</summary>
internal sealed class TextOverlay : Overlay
{
    private string _heading = "";
    private string _text = "";
    private Tone _style = Tone.Normal;

    public TextOverlay()
        : base("Text")
    {
    }

    /// <summary>Shows a title and a message (e.g. while the text is being generated).</summary>
    public void Show(string title, string heading, string text, Tone style = Tone.Normal)
    {
        Title = title;
        _heading = heading;
        _text = text;
        _style = style;
        if (IsOpen)
        {
            Refresh();
        }
        else
        {
            Open();
        }

        Lines.Top = 0;
    }

    public string Body => _text;

    public override void HandleKey(Key key)
    {
        var page = Math.Max(1, Lines.Viewport.Height - 1);
        if (key == Key.Esc || (TryTyped(key, out var c) && c is 'q' or 'b'))
        {
            Close();
        }
        else if (key == Key.CursorDown)
        {
            Lines.Scroll(1);
        }
        else if (key == Key.CursorUp)
        {
            Lines.Scroll(-1);
        }
        else if (key == Key.PageDown || key == Key.Space)
        {
            Lines.Scroll(page);
        }
        else if (key == Key.PageUp)
        {
            Lines.Scroll(-page);
        }
        else if (key == Key.Home)
        {
            Lines.Top = 0;
        }
        else if (key == Key.End)
        {
            Lines.Top = int.MaxValue;
        }
    }

    public override void Refresh()
    {
        var lines = new List<Line> { new(_heading, Tone.Heading) };
        lines.AddRange(LinesView.Wrap(SafeText.Escape(_text), TextWidth).Select(l => new Line(l, _style)));
        lines.Add(new Line("↑/↓ PgUp/PgDn Home/End scroll · Esc closes", Tone.Dim));
        Lines.SetLines(lines);
    }
}
