using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>
/// Shows styled lines, clipped to its width, from a scroll position. Lines must already be safe to print
/// (see <see cref="Text.SafeText"/>); <see cref="Wrap"/> breaks text to the width.
/// </summary>
internal sealed class LinesView : View
{
    private IReadOnlyList<Line> _lines = [];
    private int _top;

    public LinesView()
    {
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = false;
    }

    public IReadOnlyList<Line> Lines => _lines;

    /// <summary>The first line shown.</summary>
    public int Top
    {
        get => _top;
        set
        {
            var top = Math.Clamp(value, 0, Math.Max(0, _lines.Count - Math.Max(1, Viewport.Height)));
            if (top != _top)
            {
                _top = top;
                SetNeedsDraw();
            }
        }
    }

    /// <summary>Replaces the lines, redrawing only when they differ.</summary>
    public void SetLines(IReadOnlyList<Line> lines)
    {
        if (lines.SequenceEqual(_lines))
        {
            return;
        }

        _lines = lines;
        _top = Math.Clamp(_top, 0, Math.Max(0, _lines.Count - 1));
        SetNeedsDraw();
    }

    /// <summary>Moves by a number of lines (negative: up).</summary>
    public void Scroll(int lines) => Top += lines;

    /// <summary>Breaks safe text into lines of at most <paramref name="width"/> columns, at its newlines and where it is full.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        width = Math.Max(1, width);
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            var columns = 0;
            foreach (var rune in paragraph.EnumerateRunes())
            {
                var w = Math.Max(0, rune.GetColumns());
                if (columns + w > width && line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                    columns = 0;
                }

                line.Append(rune.ToString());
                columns += w;
            }

            yield return line.ToString();
        }
    }

    /// <summary>The text cut to <paramref name="width"/> columns, with an ellipsis when cut.</summary>
    public static string Fit(string text, int width)
    {
        if (text.GetColumns() <= width)
        {
            return text;
        }

        var builder = new StringBuilder();
        var columns = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Math.Max(0, rune.GetColumns());
            if (columns + w > width - 1)
            {
                break;
            }

            builder.Append(rune.ToString());
            columns += w;
        }

        return builder.Append('…').ToString();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(VisualRole.Normal);
        for (var row = 0; row < Viewport.Height && _top + row < _lines.Count; row++)
        {
            var line = _lines[_top + row];
            SetAttribute(Palette.For(line.Style, normal));
            Move(0, row);
            AddStr(Fit(line.Text, Viewport.Width));
        }

        SetAttribute(normal);
        return true;
    }
}
