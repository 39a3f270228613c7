using System.Text;

namespace RnnTui.Text;

/// <summary>
/// Makes text from a corpus or a model safe to show on a terminal: control characters that could move the cursor,
/// ring the bell, start an escape sequence or reorder text are replaced by visible symbols of one column each.
/// Newlines are kept (or shown too, with <c>keepNewlines: false</c>); a tab becomes a space.
/// </summary>
internal static class SafeText
{
    /// <summary>Shown for C1 controls and bidirectional overrides, which have no control picture.</summary>
    public const char OtherControl = '\u00A4';

    /// <summary>The visible stand-in for one character, or the character itself when it is harmless.</summary>
    public static char Visible(char c, bool keepNewlines = true) => c switch
    {
        '\n' when keepNewlines => '\n',
        '\n' => '\u2424',                      // ␤
        '\t' => ' ',
        < '\u0020' => (char)(0x2400 + c),       // ␀..␟, e.g. ␛ for escape, ␇ for bell, ␍ for carriage return
        '\u007F' => '\u2421',                  // ␡
        >= '\u0080' and <= '\u009F' => OtherControl,
        >= '\u202A' and <= '\u202E' => OtherControl,
        >= '\u2066' and <= '\u2069' => OtherControl,
        _ when char.IsSurrogate(c) => '\uFFFD', // a half of a pair on its own (a whole pair is kept by Escape)
        _ => c,
    };

    /// <summary>Whether a character is shown as something else.</summary>
    public static bool NeedsEscape(char c) => c != '\n' && Visible(c) != c;

    /// <summary>The text with every unsafe character made visible; surrogate pairs stay whole.</summary>
    public static string Escape(string text, bool keepNewlines = true)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var shown = pair ? c : Visible(c, keepNewlines);
            if (shown != c && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text, 0, i);
            }

            if (pair)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder?.Append(shown);
            }
        }

        return builder?.ToString() ?? text;
    }
}
