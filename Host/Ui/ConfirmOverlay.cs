using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Asks a yes-or-no question: y or Enter says yes, n or Esc says no.</summary>
internal sealed class ConfirmOverlay : Overlay
{
    private string _question = "";
    private Action? _onYes;

    public ConfirmOverlay()
        : base("Confirm")
    {
        Width = Dim.Percent(60);
        Height = 7;
    }

    public void Ask(string title, string question, Action onYes)
    {
        Title = title;
        _question = question;
        _onYes = onYes;
        Open();
    }

    public override void HandleKey(Key key)
    {
        if (key == Key.Enter || (TryTyped(key, out var c) && c is 'y' or 'Y'))
        {
            Close();
            _onYes?.Invoke();
        }
        else if (key == Key.Esc || (TryTyped(key, out c) && c is 'n' or 'N'))
        {
            Close();
        }
    }

    /// <summary>The question, wrapped at spaces to up to four lines, and the answers.</summary>
    public override void Refresh()
    {
        // Opened before its first layout, the overlay knows its width only from the window's (60% less the border).
        var width = Math.Max(10, Lines.Viewport.Width > 0 ? Lines.Viewport.Width : ((SuperView?.Viewport.Width ?? 80) * 60 / 100) - 2);
        Lines.SetLines([.. WrapWords(_question, width).Take(4).Select(l => new Line(l)), new Line("y / Enter: yes     n / Esc: no", Tone.Dim)]);
    }

    internal static IEnumerable<string> WrapWords(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        yield return line;
    }
}
