using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The smooth loss as a sparkline, over the whole run or its latest tenth (<c>v</c> switches; the title says which),
/// with the validation loss marked <c>•</c> on the same scale when the run has a validation split, and the numbers of
/// the latest snapshot beneath; when training stopped on a fault, the whole reason is wrapped beneath them, the
/// sparkline giving up its rows to it. While a run with a limit trains, the time left at the current speed takes the
/// place of the word <c>running</c>.
/// </summary>
internal sealed class LossPane : FrameView
{
    /// <summary>The mark of a validation loss in the plot.</summary>
    public const char ValidationMark = '•';

    private readonly LinesView _lines = new();
    private (long Step, int Width, LossView View) _columnsFor = (-1, -1, LossView.WholeRun);
    private LossColumns _columns = LossColumns.Empty;
    private (TrainingSnapshot Snapshot, LossHistory History, LossHistory Validation, long UpdateLimit, string? Fault)? _shown;

    public LossPane()
    {
        Title = TitleFor(LossView.WholeRun, validation: false);
        CanFocus = false;
        Add(_lines);
    }

    /// <summary>What the plot shows: the whole run (the default) or its latest tenth.</summary>
    public LossView View { get; private set; } = LossView.WholeRun;

    /// <summary>Switches the plot between the whole run and its latest tenth.</summary>
    public void ToggleView()
    {
        View = View == LossView.WholeRun ? LossView.Latest : LossView.WholeRun;
        if (_shown is { } shown)
        {
            Update(shown.Snapshot, shown.History, shown.Validation, shown.UpdateLimit, shown.Fault);
        }
    }

    /// <summary>
    /// Redraws from a snapshot, for a run of <paramref name="updateLimit"/> updates (0: no limit); the histories are
    /// fetched again only when the step, the width or the view changed.
    /// </summary>
    public void Update(TrainingSnapshot snapshot, LossHistory history, LossHistory validation, long updateLimit, string? fault)
    {
        _shown = (snapshot, history, validation, updateLimit, fault);
        var width = _lines.Viewport.Width;
        var height = _lines.Viewport.Height;
        if (width <= 0 || height <= 0)
        {
            // Not laid out yet: the layout draws it (see OnSubViewsLaidOut) rather than the first frame showing a sparkline one column wide.
            return;
        }

        if (_columnsFor != (snapshot.Step, width, View))
        {
            _columns = LossColumns.Of(View, history.ToArray(), validation.ToArray(), snapshot.Step, width);
            _columnsFor = (snapshot.Step, width, View);
        }

        Title = TitleFor(View, _columns.HasValidation);
        _lines.SetLines(Build(snapshot, _columns, width, height, fault, updateLimit));
    }

    /// <summary>The pane's title: which part of the run is plotted, and the validation mark's legend when there is one.</summary>
    internal static string TitleFor(LossView view, bool validation) =>
        $"Loss · {LossColumns.Title(view)}{(validation ? $" · {ValidationMark} validation" : "")}";

    /// <summary>
    /// The pane's lines for a width and height: the sparkline's rows, its range, then the numbers and any reason
    /// training stopped. A reason takes rows from the sparkline, then from the range; one that still does not fit ends
    /// with an ellipsis (the window that opened with it holds all of it).
    /// </summary>
    internal static List<Line> Build(TrainingSnapshot s, LossColumns plot, int width, int height, string? fault, long updateLimit = 0)
    {
        var numbers = Numbers(s, fault, width, updateLimit);
        var problem = Reason(s, fault) is not null;
        var showRange = !problem || numbers.Count < height;
        var sparkRows = Math.Max(problem ? 0 : 1, height - numbers.Count - (showRange ? 1 : 0));
        if (numbers.Count > height)
        {
            numbers = numbers.Take(Math.Max(1, height)).ToList();
            numbers[^1] = numbers[^1] with { Text = LinesView.Fit(numbers[^1].Text + " …", width) };
        }

        var lines = new List<Line>();
        var range = Sparkline.Range([.. plot.Training, .. plot.Validation]);
        if (plot.Training.Length > 0)
        {
            var rows = Sparkline.Render(plot.Training, sparkRows, range);
            if (plot.HasValidation)
            {
                rows = Sparkline.Mark(rows, plot.Validation, range, ValidationMark);
            }

            lines.AddRange(rows.Take(sparkRows).Select(r => new Line(r, Tone.Good)));
        }
        else if (sparkRows > 0)
        {
            lines.AddRange(Enumerable.Repeat(Line.Blank, sparkRows - 1));
            lines.Add(problem ? Line.Blank : new Line("waiting for the first update…", Tone.Dim));
        }

        if (showRange)
        {
            var what = plot.HasValidation ? "loss" : "smooth";
            var text = plot.Training.Length == 0
                ? ""
                : $"steps {Format.Count(plot.From)}–{Format.Count(plot.To)}  {what} {Format.Loss(range.Min)}–{Format.Loss(range.Max)}";
            lines.Add(new Line(text, Tone.Dim));
        }

        lines.AddRange(numbers);
        return lines;
    }

    /// <summary>The losses, the step, the state, and the reason training stopped wrapped to the width, if it stopped on a fault.</summary>
    private static List<Line> Numbers(TrainingSnapshot s, string? fault, int width, long updateLimit)
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
        if (s.Status == TrainerStatus.Running && reason is null && updateLimit > 0)
        {
            state = "ETA " + (s.TimeLeft(updateLimit) is { } left ? Format.Duration(left) : "-");
        }

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
            Update(shown.Snapshot, shown.History, shown.Validation, shown.UpdateLimit, shown.Fault);
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
