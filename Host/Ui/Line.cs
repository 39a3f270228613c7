namespace RnnTui.Ui;

/// <summary>One line of a pane: its text (already made safe) and its style.</summary>
internal readonly record struct Line(string Text, Tone Style = Tone.Normal)
{
    public static Line Blank { get; } = new("");

    public static implicit operator Line(string text) => new(text);
}
