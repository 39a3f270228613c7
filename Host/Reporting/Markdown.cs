using System.Text;
using RnnTui.Text;

namespace RnnTui.Reporting;

/// <summary>Markdown pieces that stay correct whatever the text: fenced blocks, table rows, escaped inline text.</summary>
internal static class Markdown
{
    /// <summary>
    /// Model text in a fenced block: control characters made visible, and a fence longer than any run of backticks
    /// in the text, so nothing in it can end the block or be read as Markdown.
    /// </summary>
    public static string Fenced(string text)
    {
        var visible = SafeText.Escape(text);
        var longest = 0;
        var run = 0;
        foreach (var c in visible)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{visible}\n{fence}\n";
    }

    /// <summary>A table: a header row, the separator, and the rows, each cell escaped.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        builder.Append("| ").AppendJoin(" | ", header.Select(Cell)).Append(" |\n");
        builder.Append('|').AppendJoin('|', header.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
        {
            builder.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        return builder.ToString();
    }

    /// <summary>Inline text with Markdown's special characters escaped and control characters made visible.</summary>
    public static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in SafeText.Escape(text, keepNewlines: false))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Cell(string text) => Inline(text);
}
