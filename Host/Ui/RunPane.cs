using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// Where the run is kept and when it was last saved (or why saving fails), then the settings in force and the
/// plugins the run is made of. The run's lines come first: at 80x24 the pane has room for nine lines.
/// </summary>
internal sealed class RunPane : FrameView
{
    private readonly LinesView _lines = new();

    public RunPane()
    {
        Title = "Run";
        CanFocus = false;
        Add(_lines);
    }

    public void Show(ActiveRun session, SaveStatus save, string? previousRun) =>
        _lines.SetLines(Build(session, save, previousRun, Math.Max(20, _lines.Viewport.Width)));

    internal static List<Line> Build(ActiveRun session, SaveStatus save, string? previousRun, int width)
    {
        var lines = new List<Line>
        {
            new(SafeText.Escape(session.ResumedFrom is { } from
                ? $"run {session.Folder.Name} · from {Format.Count(from.Step)}"
                : $"run {session.Folder.Name}", keepNewlines: false), Tone.Heading),
            new(FitEnd(SafeText.Escape(session.Folder.Path, keepNewlines: false), width), Tone.Dim),
        };
        if (save.Failure is { } failure)
        {
            // Saving goes wrong rarely but matters most: the reason gets up to three lines, above the settings.
            lines.AddRange(LinesView.Wrap(SafeText.Escape($"SAVE FAILED: {failure}", keepNewlines: false), width).Take(3).Select(l => new Line(l, Tone.Bad)));
        }

        var which = save.Path == session.Folder.BestPath ? "best" : "latest";
        lines.Add(save.Step >= 0
            ? new Line($"saved {which} step {Format.Count(save.Step)} · {Format.Duration(save.Age)} ago", save.Failure is null ? Tone.Good : Tone.Dim)
            : new Line(session.ResumedFrom is null ? "no checkpoint yet · w saves now" : "not saved since resuming · w saves", Tone.Dim));
        if (previousRun is not null)
        {
            lines.Add(new Line(SafeText.Escape($"previous {previousRun}", keepNewlines: false), Tone.Dim));
        }

        lines.AddRange(Settings(session.Description));
        return lines;
    }

    internal static IEnumerable<Line> Settings(RunDescription run)
    {
        var model = run.Settings.Model;
        var training = run.Settings.Training;
        var limit = training.Steps > 0 ? $"{Format.Count(training.Steps)} steps"
            : training.Epochs > 0 ? $"{training.Epochs} epochs"
            : "no limit";
        yield return $"K {run.Shape.VocabularySize}  m {model.Hidden}  seq_length {model.SeqLength}  seed {model.Seed}";
        yield return $"sig {Format.Number(model.Sigma)}  clip {Format.Number(training.Clip)}  limit {limit}";
        yield return $"optimizer {run.Optimizer.Label}";
        yield return new Line($"  {SafeText.Escape(run.OptimizerSettings, keepNewlines: false)}", Tone.Dim);
        yield return $"backend {run.Backend.Label}";
        yield return SafeText.Escape($"corpus {Path.GetFileName(run.Corpus.Origin)}: {Format.Count(run.Corpus.Text.Length)} chars", keepNewlines: false);
    }

    /// <summary>The end of a text that is too long, after an ellipsis: the end of a path names the run.</summary>
    internal static string FitEnd(string text, int width) =>
        text.Length <= width ? text : "…" + text[^Math.Max(0, width - 1)..];
}
