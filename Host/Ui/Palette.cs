using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace RnnTui.Ui;

/// <summary>The few colours the trainer uses, all from the 16-colour palette so they survive TERM=linux and screen.</summary>
internal static class Palette
{
    /// <summary>The attribute of a line style on a view's normal background.</summary>
    public static Attribute For(Tone style, Attribute normal) => style switch
    {
        Tone.Heading => new Attribute(new Color(ColorName16.BrightCyan), normal.Background),
        Tone.Dim => new Attribute(new Color(ColorName16.DarkGray), normal.Background),
        Tone.Accent => new Attribute(new Color(ColorName16.BrightYellow), normal.Background),
        Tone.Good => new Attribute(new Color(ColorName16.BrightGreen), normal.Background),
        Tone.Bad => new Attribute(new Color(ColorName16.BrightRed), normal.Background),
        _ => normal,
    };

    /// <summary>How a key is shown in the status line and help: dark on cyan, like a key cap.</summary>
    public static Attribute Key { get; } = new(new Color(ColorName16.Black), new Color(ColorName16.Cyan));
}
