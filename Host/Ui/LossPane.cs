using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The smooth loss over the whole run as a sparkline, with the numbers of the latest snapshot beneath; when training
/// stopped on a fault, the whole reason is wrapped beneath them, the sparkline giving up its rows to it.
/// </summary>
internal sealed class LossPane : FrameView
{
    private readonly LinesView _lines = new();
    private long _historyStep = -1;
    private int _historyWidth = -1;
    private double[] _values = [];
    private (long Step, double Value)[] _history = [];
    private (TrainingSnapshot Snapshot, LossHistory History, string? Fault)? _shown;

    public LossPane()
    {
        Title = "Loss";
        CanFocus = false;
        Add(_lines);
    }

    /// <summary>Redraws from a snapshot; the history is fetched again only when the step or the width changed.</summary>
    public void Update(TrainingSnapshot snapshot, LossHistory history, string? fault)
    {
        _shown = (snapshot, history, fault);
        var width = _lines.Viewport.Width;
        var height = _lines.Viewport.Height;
        if (width <= 0 || height <= 0)
        {
            // Not laid out yet: the layout draws it (see OnSubViewsLaidOut) rather than the first frame showing a sparkline one column wide.
            return;
        }

        if (snapshot.Step != _historyStep || width != _historyWidth)
        {
            _history = history.ToArray();
            _values = Sparkline.Downsample(_history.Select(p => p.Value).ToArray(), width);
            (_historyStep, _historyWidth) = (snapshot.Step, width);
        }

        _lines.SetLines(Build(snapshot, _history, _values, width, height, fault));
    }

    /// <summary>
    /// The pane's lines for a width and height: the sparkline's rows, its range, then the numbers and any reason
    /// training stopped. A reason takes rows from the sparkline, then from the range; one that still does not fit ends
    /// with an ellipsis (the window that opened with it holds all of it).
    /// </summary>
    internal static List<Line> Build(TrainingSnapshot s, (long Step, double Value)[] history, double[] values, int width, int height, string? fault)
    {
        var numbers = Numbers(s, fault, width);
        var problem = Reason(s, fault) is not null;
        var showRange = !problem || numbers.Count < height;
        var sparkRows = Math.Max(problem ? 0 : 1, height - numbers.Count - (showRange ? 1 : 0));
        if (numbers.Count > height)
        {
            numbers = numbers.Take(Math.Max(1, height)).ToList();
            numbers[^1] = numbers[^1] with { Text = LinesView.Fit(numbers[^1].Text + " …", width) };
        }

        var lines = new List<Line>();
        if (values.Length > 0)
        {
            lines.AddRange(Sparkline.Render(values, sparkRows).Take(sparkRows).Select(r => new Line(r, Tone.Good)));
        }
        else if (sparkRows > 0)
        {
            lines.AddRange(Enumerable.Repeat(Line.Blank, sparkRows - 1));
            lines.Add(problem ? Line.Blank : new Line("waiting for the first update…", Tone.Dim));
        }

        if (showRange)
        {
            var range = history.Length == 0
                ? ""
                : $"steps {Format.Count(history[0].Step)}–{Format.Count(history[^1].Step)}  smooth {Format.Loss(history.Min(p => p.Value))}–{Format.Loss(history.Max(p => p.Value))}";
            lines.Add(new Line(range, Tone.Dim));
        }

        lines.AddRange(numbers);
        return lines;
    }

    /// <summary>The losses, the step, the state, and the reason training stopped wrapped to the width, if it stopped on a fault.</summary>
    private static List<Line> Numbers(TrainingSnapshot s, string? fault, int width)
    {
        var lines = new List<Line>
        {
            $"loss {Format.Loss(s.Loss)}  smooth {Format.Loss(s.SmoothLoss)}",
            s.BestStep > 0 ? $"best smooth {Format.Loss(s.BestSmoothLoss)} at step {Format.Count(s.BestStep)}" : "best smooth -",
            $"update step {Format.Count(s.Step)}  epoch {s.Epoch} ({Format.Percent(s.EpochProgress)})",
        };

        if (s.Validation.HasLoss)
        {
            lines.Insert(2, $"validation {Format.Loss(s.Validation.Loss)}  best {Format.Loss(s.Validation.BestLoss)}");
        }

        var reason = Reason(s, fault);
        var state = fault is not null ? "FAILED" : StateWord(s.Status);
        var style = reason is not null ? Tone.Bad
            : s.Status == TrainerStatus.Paused ? Tone.Accent
            : Tone.Normal;

        // Only a running trainer has a speed: paused, finished or stopped, the last one measured would be stale.
        var speed = s.Status == TrainerStatus.Running ? $"{Format.Rate(s.StepsPerSecond)} steps/s  " : "";
        lines.Add(new Line($"{speed}{Format.Duration(s.Elapsed)}  {state}{(reason is null ? "" : ":")}", style));
        if (reason is not null)
        {
            lines.AddRange(WordWrap.Lines(SafeText.Escape(reason, keepNewlines: false), width).Select(l => new Line(l, Tone.Bad)));
        }

        return lines;
    }

    /// <summary>Once the pane has its size (and whenever it changes), the lines are built for it before the frame is drawn.</summary>
    protected override void OnSubViewsLaidOut(LayoutEventArgs args)
    {
        base.OnSubViewsLaidOut(args);
        if (_shown is { } shown)
        {
            Update(shown.Snapshot, shown.History, shown.Fault);
        }
    }

    /// <summary>Why training stopped by itself: the training thread's exception, or the trainer's divergence or plugin failure.</summary>
    internal static string? Reason(TrainingSnapshot s, string? fault) =>
        fault ?? (s.Status is TrainerStatus.Diverged or TrainerStatus.Faulted ? s.Message : null);

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
