using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Lists every key; any key closes it.</summary>
internal sealed class HelpOverlay : Overlay
{
    private readonly Func<IReadOnlyList<KeyHint>> _mainKeys;
    private readonly string? _logPath;

    public HelpOverlay(Func<IReadOnlyList<KeyHint>> mainKeys, string? logPath)
        : base("Help · any key closes")
    {
        _mainKeys = mainKeys;
        _logPath = logPath;
        Width = Dim.Fill(2);
        Height = Dim.Fill(1);
    }

    public override void HandleKey(Key key) => Close();

    public override void Refresh()
    {
        var lines = new List<Line> { new("Keys", Tone.Heading) };
        lines.AddRange(_mainKeys().Concat(KeyHints.More).Select(h => new Line($"  {h.Keys,-14}{h.Help}")));
        lines.Add("");
        lines.Add(new Line("Playground", Tone.Heading));
        lines.AddRange(KeyHints.Playground.Select(h => new Line($"  {h.Keys,-14}{h.Help}")));
        lines.Add(new Line(_logPath is null ? "no log file could be opened" : $"log: {_logPath}", Tone.Dim));
        Lines.SetLines(lines);
    }
}
