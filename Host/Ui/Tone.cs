namespace RnnTui.Ui;

/// <summary>How a line of a pane is coloured (its tone); the colours themselves are chosen in one place, <see cref="Palette"/>.</summary>
internal enum Tone
{
    Normal,
    Heading,
    Dim,
    Accent,
    Good,
    Bad,
}
