using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Ui;

/// <summary>Text typed into an overlay, checked against the vocabulary the model can read.</summary>
internal static class TextInput
{
    /// <summary>The text as shown on one line: control characters visible, the tail kept when it is too long, a cursor at the end.</summary>
    public static string Shown(string text, int width)
    {
        var safe = SafeText.Escape(text, keepNewlines: false) + "▏";
        return safe.Length <= width ? safe : "…" + safe[^(width - 1)..];
    }

    /// <summary>A message naming the characters the model has never seen, or null when every one is known.</summary>
    public static string? UnknownMessage(string text, Vocabulary vocabulary)
    {
        var unknown = vocabulary.Unknown(text);
        if (unknown.Count == 0)
        {
            return null;
        }

        var list = string.Join(" ", unknown.Select(c => $"'{SafeText.Visible(c, keepNewlines: false)}' (U+{(int)c:X4})"));
        return $"the model cannot read {list}: not among the corpus's {vocabulary.Count} characters";
    }
}
