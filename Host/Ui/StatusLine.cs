using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>
/// The bottom line: every key with a word, the key drawn like a key cap. Picks the widest layout that fits,
/// down to narrow keys and single spaces, and at 80 columns leaves out the optional keys (the help lists them).
/// </summary>
/// <remarks>
/// Not Terminal.Gui's StatusBar of Shortcuts: measured in its in-memory driver, the main screen's eleven commands
/// as Shortcuts draw " Space  pause │ s  sample │ … │ q  quit", 119 columns, so 80 columns show seven (save,
/// reset, help and quit are cut) and 100 show nine. A Shortcut has one key and no narrow form, so "space/p",
/// "+/-" and "y/tab" cannot be shown as one entry, and there is no place for "PAUSED" at the right. The entries
/// come from <see cref="KeyTable{T}.Hints"/>, the same table that dispatches the keys.
/// </remarks>
internal sealed class StatusLine : View
{
    private IReadOnlyList<KeyHint> _hints = [];
    private string _right = "";
    private Tone _rightTone = Tone.Accent;

    public StatusLine()
    {
        Height = 1;
        Width = Dim.Fill();
        CanFocus = false;
    }

    /// <summary>Sets the hints and a short state shown at the right when it fits.</summary>
    public void Set(IReadOnlyList<KeyHint> hints, string right = "", Tone rightTone = Tone.Accent)
    {
        if (hints.SequenceEqual(_hints) && right == _right && rightTone == _rightTone)
        {
            return;
        }

        _hints = hints;
        _right = right;
        _rightTone = rightTone;
        SetNeedsDraw();
    }

    /// <summary>The text as drawn at a width, for tests and for choosing a layout.</summary>
    public static string Layout(IReadOnlyList<KeyHint> hints, int width, out bool narrow, out int gap) =>
        Layout(hints, width, out narrow, out gap, out _);

    /// <summary>The text as drawn at a width and the hints it shows: every one if they fit, else all but the optional ones.</summary>
    public static string Layout(IReadOnlyList<KeyHint> hints, int width, out bool narrow, out int gap, out IReadOnlyList<KeyHint> shown)
    {
        foreach (var candidates in new[] { hints, hints.Where(h => !h.Optional).ToList() })
        {
            foreach (var (useNarrow, useGap) in new[] { (false, 2), (true, 2), (false, 1), (true, 1) })
            {
                var text = Join(candidates, useNarrow, useGap);
                if (text.Length <= width)
                {
                    (narrow, gap, shown) = (useNarrow, useGap, candidates);
                    return text;
                }
            }
        }

        (narrow, gap, shown) = (true, 1, hints.Where(h => !h.Optional).ToList());
        return Join(shown, true, 1);
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(VisualRole.Normal);
        var width = Viewport.Width;
        var text = Layout(_hints, width, out var narrow, out var gap, out var shown);
        var x = 0;
        foreach (var hint in shown)
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
            SetAttribute(Palette.For(_rightTone, normal));
            AddStr(_right);
        }

        SetAttribute(normal);
        return true;
    }

    private static string Join(IEnumerable<KeyHint> hints, bool narrow, int gap) =>
        string.Join(new string(' ', gap), hints.Select(h => $"{Keys(h, narrow)} {h.Short}"));

    private static string Keys(KeyHint hint, bool narrow) => narrow ? hint.NarrowKeys ?? hint.Keys : hint.Keys;
}
