using System.Text.RegularExpressions;

namespace RnnTui.Tests.Ui;

/// <summary>Reads parts of a screen captured as text: the inside of a framed pane or window, and wrapped text read back as one line.</summary>
internal static partial class ScreenText
{
    /// <summary>The screen's rows.</summary>
    public static string[] Rows(string screen) => [.. screen.Split('\n').Select(r => r.TrimEnd('\r'))];

    /// <summary>
    /// The rows inside the frame titled <paramref name="title"/> (from <c>╭┤title</c> down to its <c>╰</c>), trimmed at
    /// the right; empty when no such frame is on the screen.
    /// </summary>
    public static IReadOnlyList<string> Frame(string screen, string title)
    {
        var rows = Rows(screen);
        for (var r = 0; r < rows.Length; r++)
        {
            var at = rows[r].IndexOf("┤" + title, StringComparison.Ordinal);
            var left = at < 0 ? -1 : rows[r].LastIndexOf('╭', at);
            var right = at < 0 ? -1 : rows[r].IndexOf('╮', at);
            if (left < 0 || right < 0)
            {
                continue;
            }

            var inside = new List<string>();
            for (var i = r + 1; i < rows.Length && rows[i].Length > right && rows[i][left] != '╰'; i++)
            {
                inside.Add(rows[i][(left + 1)..right].TrimEnd());
            }

            return inside;
        }

        return [];
    }

    /// <summary>The text inside a frame, its rows joined with single spaces: wrapped text read back as one line.</summary>
    public static string FrameText(string screen, string title) => Joined(Frame(screen, title));

    /// <summary>Rows joined with single spaces, runs of spaces made one.</summary>
    public static string Joined(IEnumerable<string> rows) => Spaces().Replace(string.Join(' ', rows), " ").Trim();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
