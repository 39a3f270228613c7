using RnnTui.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>
/// Lists every key, from the screens' key tables, with the run folder and the log. At 80x24 every line fits at once;
/// a smaller terminal or a long path scrolls with ↑/↓ and PgUp/PgDn, and any other key closes it.
/// </summary>
internal sealed class HelpOverlay : Overlay
{
    private const string Closes = "any key closes";

    private readonly string? _logPath;
    private readonly Func<string> _runFolder;

    public HelpOverlay(IApplication app, string? logPath, Func<string> runFolder)
        : base(app, "Help · " + Closes)
    {
        _logPath = logPath;
        _runFolder = runFolder;
        Width = Dim.Fill(2);

        // Over the status line too: at 80x24 that row is what lets every line fit at once.
        Height = Dim.Fill();
    }

    /// <summary>Whether the lines are more than the window shows at once.</summary>
    private bool Scrolls => Lines.Lines.Count > Lines.Viewport.Height;

    /// <summary>The keys and the paths, wrapped to the width: the title names the window, so the lines start with the keys.</summary>
    public override void Refresh()
    {
        var width = TextWidth;
        var lines = new List<Line>();
        lines.AddRange(MainWindow.Keys.HelpLines(width));
        lines.Add(new Line("In the playground", Tone.Heading));
        lines.AddRange(PlaygroundOverlay.Keys.HelpLines(width));
        lines.AddRange(WordWrap.Lines($"run folder: {SafeText.Escape(_runFolder(), keepNewlines: false)}", width).Select(l => new Line(l, Tone.Dim)));
        lines.AddRange(WordWrap.Lines(_logPath is null ? "no log file could be opened" : $"log: {_logPath}", width).Select(l => new Line(l, Tone.Dim)));
        Lines.SetLines(lines);
        Title = Scrolls ? "Help · ↑/↓ PgUp/PgDn scroll · other keys close" : "Help · " + Closes;
    }

    /// <summary>Any key closes help, but the scrolling keys while there is more to see; Terminal.Gui offers it here before any binding.</summary>
    protected override bool OnKeyDown(Key key)
    {
        var page = Math.Max(1, Lines.Viewport.Height - 1);
        int? scroll = key == Key.CursorDown ? 1
            : key == Key.CursorUp ? -1
            : key == Key.PageDown ? page
            : key == Key.PageUp ? -page
            : null;
        if (Scrolls && scroll is { } lines)
        {
            Lines.Scroll(lines);
            return true;
        }

        Close();
        return true;
    }
}
