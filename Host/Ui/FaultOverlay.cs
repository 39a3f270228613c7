using RnnTui.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// Opens by itself when training stops on a fault (divergence, a failing plugin, an exception on the training thread)
/// and shows the whole reason, wrapped between words, with what still works and where the log is: the loss pane's
/// last lines are too few for a long reason. Enter or Esc closes it; ↑/↓ scroll a reason taller than the screen.
/// </summary>
internal sealed class FaultOverlay : Overlay
{
    private readonly IApplication _app;
    private readonly string? _logPath;
    private string _reason = "";
    private bool _trainerAnswers;

    public FaultOverlay(IApplication app, string? logPath)
        : base(app, "Training stopped")
    {
        _app = app;
        _logPath = logPath;
        AddButton(new Button { Title = "_OK" });
        KeyBindings.Add(Key.CursorDown, Command.Down);
        KeyBindings.Add(Key.CursorUp, Command.Up);
        AddCommand(Command.Down, () => Scrolled(1));
        AddCommand(Command.Up, () => Scrolled(-1));
    }

    /// <summary>Shows why training stopped; <paramref name="trainerAnswers"/> when the trainer stopped itself and still answers requests (its thread did not end).</summary>
    public void Show(string reason, bool trainerAnswers)
    {
        _reason = reason;
        _trainerAnswers = trainerAnswers;
        Open();
    }

    public override void Refresh()
    {
        var width = TextWidth;
        var lines = WordWrap.Lines(SafeText.Escape(_reason, keepNewlines: false), width).Select(l => new Line(l, Tone.Bad)).ToList();
        lines.Add(Line.Blank);
        var next = _trainerAnswers
            ? "After OK, s, t, b, y and g still use the run's last good parameters; r starts a new run; q quits."
            : "After OK, r starts a new run; q quits.";
        lines.AddRange(WordWrap.Lines(next, width).Select(l => new Line(l, Tone.Dim)));
        if (_logPath is not null)
        {
            lines.AddRange(WordWrap.Lines($"Logged in {_logPath}", width).Select(l => new Line(l, Tone.Dim)));
        }

        // The window grows with the text up to the screen, less its frame and buttons; a longer text scrolls.
        Lines.Height = Math.Clamp(lines.Count, 1, Math.Max(1, _app.Screen.Height - 6));
        Lines.SetLines(lines);
    }

    private bool? Scrolled(int lines)
    {
        Lines.Scroll(lines);
        return true;
    }
}
