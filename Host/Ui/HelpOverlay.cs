using RnnTui.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Lists every key, from the screens' key tables; any key closes it.</summary>
internal sealed class HelpOverlay : Overlay
{
    private readonly string? _logPath;
    private readonly Func<string> _runFolder;

    public HelpOverlay(IApplication app, string? logPath, Func<string> runFolder)
        : base(app, "Help · any key closes")
    {
        _logPath = logPath;
        _runFolder = runFolder;
        Width = Dim.Fill(2);
        Height = Dim.Fill(1);
    }

    public override void Refresh()
    {
        var lines = new List<Line> { new("Keys", Tone.Heading) };
        lines.AddRange(MainWindow.Keys.HelpLines);
        lines.Add("");
        lines.Add(new Line("Playground", Tone.Heading));
        lines.AddRange(PlaygroundOverlay.Keys.HelpLines);
        lines.Add(new Line($"run folder: {SafeText.Escape(_runFolder(), keepNewlines: false)}", Tone.Dim));
        lines.Add(new Line(_logPath is null ? "no log file could be opened" : $"log: {_logPath}", Tone.Dim));
        Lines.SetLines(lines);
    }

    /// <summary>Any key closes help; Terminal.Gui offers it here before any binding.</summary>
    protected override bool OnKeyDown(Key key)
    {
        Close();
        return true;
    }
}
