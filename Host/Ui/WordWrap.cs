using Terminal.Gui.Text;

namespace RnnTui.Ui;

/// <summary>
/// Breaks text that is read as words (messages, headings, help) into lines at spaces. A number stays with the word
/// before it, so that "T 1.0" or "step 12,000" is never split, and only a word wider than a whole line is broken
/// inside, by columns. Generated text, where a break anywhere is fine, goes through <see cref="LinesView.Wrap"/>.
/// </summary>
internal static class WordWrap
{
    /// <summary>The text's lines of at most <paramref name="width"/> columns, broken at its newlines and between words.</summary>
    public static IEnumerable<string> Lines(string text, int width)
    {
        width = Math.Max(1, width);
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var unit in Units(paragraph))
            {
                var joined = line.Length == 0 ? unit : $"{line} {unit}";
                if (joined.GetColumns() <= width)
                {
                    line = joined;
                    continue;
                }

                if (line.Length > 0)
                {
                    yield return line;
                }

                // A word wider than a line is the one thing broken inside; its last piece starts the next line.
                var pieces = LinesView.Wrap(unit, width).ToList();
                foreach (var piece in pieces.Take(pieces.Count - 1))
                {
                    yield return piece;
                }

                line = pieces[^1];
            }

            yield return line;
        }
    }

    /// <summary>
    /// Fields (a heading's "step 12,000", "smooth 45.678", "on demand, T 1.0") joined by <paramref name="separator"/>
    /// while they fit, a line breaking between two fields in place of the separator; a field wider than a line is
    /// broken between its words.
    /// </summary>
    public static IEnumerable<string> Fields(IEnumerable<string> fields, string separator, int width)
    {
        width = Math.Max(1, width);
        var line = "";
        foreach (var field in fields)
        {
            var joined = line.Length == 0 ? field : line + separator + field;
            if (joined.GetColumns() <= width)
            {
                line = joined;
                continue;
            }

            if (line.Length > 0)
            {
                yield return line;
            }

            var pieces = Lines(field, width).ToList();
            foreach (var piece in pieces.Take(pieces.Count - 1))
            {
                yield return piece;
            }

            line = pieces[^1];
        }

        yield return line;
    }

    /// <summary>The words of a line, a number joined to the word before it ("T 1.0", "step 2;"), one number per word.</summary>
    private static List<string> Units(string paragraph)
    {
        var units = new List<string>();
        var glued = false;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (units.Count > 0 && !glued && char.IsAsciiDigit(word[0]))
            {
                units[^1] = $"{units[^1]} {word}";
                glued = true;
            }
            else
            {
                units.Add(word);
                glued = false;
            }
        }

        return units;
    }
}
