using Terminal.Gui.Input;

namespace RnnTui.Ui;

/// <summary>Lists every key; any key closes it.</summary>
internal sealed class HelpOverlay : Overlay
{
    private readonly Func<IReadOnlyList<KeyHint>> _mainKeys;

    public HelpOverlay(Func<IReadOnlyList<KeyHint>> mainKeys)
        : base("Help · any key closes")
    {
        _mainKeys = mainKeys;
    }

    public override void HandleKey(Key key) => Close();

    public override void Refresh()
    {
        var lines = new List<Line> { new("Keys", Tone.Heading) };
        lines.AddRange(_mainKeys().Concat(KeyHints.More).Select(h => new Line($"  {h.Keys,-14}{h.Help}")));
        lines.Add("");
        lines.Add(new Line("Playground", Tone.Heading));
        lines.AddRange(KeyHints.Playground.Select(h => new Line($"  {h.Keys,-14}{h.Help}")));
        lines.Add("");
        lines.Add(new Line("Log file: see --help; nothing is written to the screen but this UI.", Tone.Dim));
        Lines.SetLines(lines);
    }
}
