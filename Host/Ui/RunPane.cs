using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// Where the run is kept and when it was last saved (or why saving fails), then the settings in force (with the run's
/// limit, or <c>no limit</c>) and the plugins the run is made of. The pane has room for nine lines at 80x24 and 100x30; when the run has more to say
/// (the previous run after a reset, a failed save), lines are combined so that the settings still fit.
/// </summary>
internal sealed class RunPane : FrameView
{
    private readonly LinesView _lines = new();
    private (ActiveRun Session, SaveStatus Save, string? PreviousRun)? _shown;

    public RunPane()
    {
        Title = "Run";
        CanFocus = false;
        Add(_lines);
    }

    public void Show(ActiveRun session, SaveStatus save, string? previousRun)
    {
        _shown = (session, save, previousRun);
        if (_lines.Viewport.Width > 0 && _lines.Viewport.Height > 0)
        {
            _lines.SetLines(Build(session, save, previousRun, _lines.Viewport.Width, _lines.Viewport.Height));
        }
    }

    /// <summary>
    /// The pane's lines for a width and height. When they are more than the height, the run's name and folder become
    /// one line (the folder's path ends with the name), then the optimizer shares its line with its settings if they
    /// fit. A failed save's reason comes before the settings: if even then they do not all fit, the last are cut.
    /// </summary>
    internal static List<Line> Build(ActiveRun session, SaveStatus save, string? previousRun, int width, int height)
    {
        var from = session.ResumedFrom is { } checkpoint ? $" · from {Format.Count(checkpoint.Step)}" : "";
        var path = SafeText.Escape(session.Folder.Path, keepNewlines: false);
        List<Line> head =
        [
            new(SafeText.Escape($"run {session.Folder.Name}{from}", keepNewlines: false), Tone.Heading),
            new(FitEnd(path, width), Tone.Dim),
        ];
        var status = Status(session, save, previousRun, width);
        var settings = Settings(session.Description, width, combineOptimizer: false).ToList();
        if (head.Count + status.Count + settings.Count > height)
        {
            head = [new Line($"run {FitEnd(path, width - 4 - from.Length)}{from}", Tone.Heading)];
        }

        if (head.Count + status.Count + settings.Count > height)
        {
            settings = [.. Settings(session.Description, width, combineOptimizer: true)];
        }

        return [.. head, .. status, .. settings];
    }

    /// <summary>The settings and plugins, the optimizer's settings on its line when asked to and they fit, else beneath it.</summary>
    internal static IEnumerable<Line> Settings(RunDescription run, int width, bool combineOptimizer)
    {
        var model = run.Settings.Model;
        var training = run.Settings.Training;
        if (!run.Shape.IsVanilla)
        {
            // The vanilla RNN is the assignment's and goes without saying; another model is named first.
            yield return SafeText.Escape($"model {run.ModelLabel}", keepNewlines: false);
        }

        yield return $"K {run.Shape.VocabularySize}  m {model.Hidden}  seq_length {model.SeqLength}  seed {model.Seed}";
        var init = model.Init == RnnTui.Settings.ModelSettings.Normal ? $"sig {Format.Number(model.Sigma)}" : $"init {model.Init}";
        var limit = training.Steps > 0 ? $"limit {Format.Count(training.Steps)} steps"
            : training.Epochs > 0 ? $"limit {training.Epochs} epochs"
            : "no limit";
        var line = $"{init}  clip {Format.Number(training.Clip)}  {limit}";

        // A limit in the millions takes the line past 38 columns (80x24): single spaces then, rather than a cut.
        yield return line.Length <= width ? line : line.Replace("  ", " ", StringComparison.Ordinal);
        if (run.Settings.Preset is { } preset)
        {
            yield return $"preset {preset}";
        }

        var optimizer = $"optimizer {run.Optimizer.Label}";
        var optimizerSettings = SafeText.Escape(run.OptimizerSettings, keepNewlines: false);
        if (combineOptimizer && optimizer.Length + 1 + optimizerSettings.Length <= width)
        {
            yield return $"{optimizer} {optimizerSettings}";
        }
        else
        {
            yield return optimizer;
            yield return new Line($"  {optimizerSettings}", Tone.Dim);
        }

        var backend = $"backend {run.Backend.Label}";
        var batch = training.Batch > 1 ? $"batch {training.Batch}  threads {training.Threads}" : null;
        if (batch is not null && backend.Length + 2 + batch.Length <= width)
        {
            yield return $"{backend}  {batch}";
        }
        else
        {
            yield return backend;
            if (batch is not null)
            {
                yield return batch;
            }
        }
        yield return SafeText.Escape($"corpus {Path.GetFileName(run.Corpus.Origin)}: {Format.Count(run.Corpus.Text.Length)} chars", keepNewlines: false);
    }

    /// <summary>The end of a text that is too long, after an ellipsis: the end of a path names the run.</summary>
    internal static string FitEnd(string text, int width) =>
        text.Length <= width ? text : "…" + text[^Math.Max(0, width - 1)..];

    /// <summary>Once the pane has its size (and whenever it changes), the lines are built for it before the frame is drawn.</summary>
    protected override void OnSubViewsLaidOut(LayoutEventArgs args)
    {
        base.OnSubViewsLaidOut(args);
        if (_shown is { } shown)
        {
            Show(shown.Session, shown.Save, shown.PreviousRun);
        }
    }

    /// <summary>A failed save's reason (up to three lines), the last checkpoint, and the run a reset stopped.</summary>
    private static List<Line> Status(ActiveRun session, SaveStatus save, string? previousRun, int width)
    {
        var lines = new List<Line>();
        if (save.Failure is { } failure)
        {
            // Saving goes wrong rarely but matters most: the reason gets up to three lines, above the settings.
            lines.AddRange(WordWrap.Lines(SafeText.Escape($"SAVE FAILED: {failure}", keepNewlines: false), width).Take(3).Select(l => new Line(l, Tone.Bad)));
        }

        var which = save.Path == session.Folder.BestPath ? "best" : "latest";
        lines.Add(save.Step >= 0
            ? new Line($"saved {which} step {Format.Count(save.Step)} · {Format.Duration(save.Age)} ago", save.Failure is null ? Tone.Good : Tone.Dim)
            : new Line(session.ResumedFrom is null ? "no checkpoint yet · w saves now" : "not saved since resuming · w saves", Tone.Dim));
        if (previousRun is not null)
        {
            lines.Add(new Line(SafeText.Escape($"previous {previousRun}", keepNewlines: false), Tone.Dim));
        }

        return lines;
    }
}
