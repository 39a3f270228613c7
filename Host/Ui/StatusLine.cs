using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>
/// The bottom line: every key with a word, the key drawn like a key cap. Picks the widest layout that fits,
/// down to narrow keys and single spaces at 80 columns.
/// </summary>
internal sealed class StatusLine : View
{
    private IReadOnlyList<KeyHint> _hints = [];
    private string _right = "";

    public StatusLine()
    {
        Height = 1;
        Width = Dim.Fill();
        CanFocus = false;
    }

    /// <summary>Sets the hints and a short state shown at the right when it fits.</summary>
    public void Set(IReadOnlyList<KeyHint> hints, string right = "")
    {
        if (hints.SequenceEqual(_hints) && right == _right)
        {
            return;
        }

        _hints = hints;
        _right = right;
        SetNeedsDraw();
    }

    /// <summary>The text as drawn at a width, for tests and for choosing a layout.</summary>
    public static string Layout(IReadOnlyList<KeyHint> hints, int width, out bool narrow, out int gap)
    {
        foreach (var (useNarrow, useGap) in new[] { (false, 2), (true, 2), (false, 1), (true, 1) })
        {
            var text = string.Join(new string(' ', useGap), hints.Select(h => $"{Keys(h, useNarrow)} {h.Short}"));
            if (text.Length <= width)
            {
                (narrow, gap) = (useNarrow, useGap);
                return text;
            }
        }

        (narrow, gap) = (true, 1);
        return string.Join(" ", hints.Select(h => $"{Keys(h, true)} {h.Short}"));
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(VisualRole.Normal);
        var width = Viewport.Width;
        var text = Layout(_hints, width, out var narrow, out var gap);
        var x = 0;
        foreach (var hint in _hints)
        {
            var keys = Keys(hint, narrow);
            if (x + keys.Length > width)
            {
                break;
            }

            Move(x, 0);
            SetAttribute(Palette.Key);
            AddStr(keys);
            x += keys.Length;
            SetAttribute(normal);
            var label = " " + hint.Short;
            AddStr(LinesView.Fit(label, Math.Max(0, width - x)));
            x += label.Length + gap;
        }

        if (_right.Length > 0 && text.Length + 2 + _right.Length <= width)
        {
            Move(width - _right.Length, 0);
            SetAttribute(Palette.For(Tone.Accent, normal));
            AddStr(_right);
        }

        SetAttribute(normal);
        return true;
    }

    private static string Keys(KeyHint hint, bool narrow) => narrow ? hint.NarrowKeys ?? hint.Keys : hint.Keys;
}
