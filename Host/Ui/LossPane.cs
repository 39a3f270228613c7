using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>The smooth loss over the whole run as a sparkline, with the numbers of the latest snapshot beneath.</summary>
internal sealed class LossPane : FrameView
{
    private const int StatLines = 5;
    private readonly LinesView _lines = new();
    private long _historyStep = -1;
    private int _historyWidth = -1;
    private double[] _values = [];
    private (long Step, double Value)[] _history = [];

    public LossPane()
    {
        Title = "Loss";
        CanFocus = false;
        Add(_lines);
    }

    /// <summary>Redraws from a snapshot; the history is fetched again only when the step or the width changed.</summary>
    public void Update(TrainingSnapshot snapshot, LossHistory history, string? fault)
    {
        var width = Math.Max(1, _lines.Viewport.Width);
        var height = Math.Max(StatLines + 1, _lines.Viewport.Height);
        if (snapshot.Step != _historyStep || width != _historyWidth)
        {
            _history = history.ToArray();
            _values = Sparkline.Downsample(_history.Select(p => p.Value).ToArray(), width);
            (_historyStep, _historyWidth) = (snapshot.Step, width);
        }

        _lines.SetLines(Build(snapshot, _history, _values, height - StatLines, fault));
    }

    /// <summary>The pane's lines: the sparkline's rows, its range, then the numbers.</summary>
    internal static List<Line> Build(TrainingSnapshot s, (long Step, double Value)[] history, double[] values, int sparkRows, string? fault)
    {
        var lines = new List<Line>();
        if (values.Length == 0)
        {
            lines.AddRange(Enumerable.Repeat(Line.Blank, Math.Max(0, sparkRows - 1)));
            lines.Add(new Line("waiting for the first update…", Tone.Dim));
        }
        else
        {
            lines.AddRange(Sparkline.Render(values, sparkRows).Select(r => new Line(r, Tone.Good)));
        }

        var range = history.Length == 0
            ? ""
            : $"steps {Format.Count(history[0].Step)}–{Format.Count(history[^1].Step)}  smooth {Format.Loss(history.Min(p => p.Value))}–{Format.Loss(history.Max(p => p.Value))}";
        lines.Add(new Line(range, Tone.Dim));
        lines.Add($"loss {Format.Loss(s.Loss)}  smooth {Format.Loss(s.SmoothLoss)}");
        lines.Add(s.BestStep > 0 ? $"best smooth {Format.Loss(s.BestSmoothLoss)} at step {Format.Count(s.BestStep)}" : "best smooth -");
        lines.Add($"update step {Format.Count(s.Step)}  epoch {s.Epoch} ({Format.Percent(s.EpochProgress)})");
        var state = fault is not null ? $"FAILED: {fault}" : s.Message ?? StateWord(s.Status);
        var style = fault is not null || s.Status == TrainerStatus.Diverged ? Tone.Bad
            : s.Status == TrainerStatus.Paused ? Tone.Accent
            : Tone.Normal;
        lines.Add(new Line($"{Format.Rate(s.StepsPerSecond)} steps/s  {Format.Duration(s.Elapsed)}  {state}", style));
        return lines;
    }

    private static string StateWord(TrainerStatus status) => status switch
    {
        TrainerStatus.Running => "running",
        TrainerStatus.Paused => "PAUSED",
        TrainerStatus.Finished => "finished (step limit)",
        TrainerStatus.Diverged => "DIVERGED",
        TrainerStatus.Faulted => "FAILED",
        _ => "stopped",
    };
}
