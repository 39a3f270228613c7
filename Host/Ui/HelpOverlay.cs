using RnnTui.Text;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Lists every key; any key closes it.</summary>
internal sealed class HelpOverlay : Overlay
{
    private readonly Func<IReadOnlyList<KeyHint>> _mainKeys;
    private readonly string? _logPath;
    private readonly Func<string> _runFolder;

    public HelpOverlay(Func<IReadOnlyList<KeyHint>> mainKeys, string? logPath, Func<string> runFolder)
        : base("Help · any key closes")
    {
        _mainKeys = mainKeys;
        _logPath = logPath;
        _runFolder = runFolder;
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
        lines.Add(new Line($"run folder: {SafeText.Escape(_runFolder(), keepNewlines: false)}", Tone.Dim));
        lines.Add(new Line(_logPath is null ? "no log file could be opened" : $"log: {_logPath}", Tone.Dim));
        Lines.SetLines(lines);
    }
}
