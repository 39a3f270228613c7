using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>The settings in force and the plugins the run is made of.</summary>
internal sealed class RunPane : FrameView
{
    private readonly LinesView _lines = new();

    public RunPane()
    {
        Title = "Run";
        CanFocus = false;
        Add(_lines);
    }

    public void Show(TrainingRun run) => _lines.SetLines(Build(run));

    internal static List<Line> Build(TrainingRun run)
    {
        var model = run.Settings.Model;
        var training = run.Settings.Training;
        var limit = training.Steps > 0 ? $"{Format.Count(training.Steps)} steps"
            : training.Epochs > 0 ? $"{training.Epochs} epochs"
            : "no limit";
        return
        [
            $"K {run.Shape.VocabularySize}  m {model.Hidden}  seq_length {model.SeqLength}",
            $"sig {Format.Number(model.Sigma)}  clip {Format.Number(training.Clip)}  seed {model.Seed}",
            $"optimizer {run.OptimizerPlugin.Label}",
            new Line($"  {SafeText.Escape(run.Optimizer.Description, keepNewlines: false)}", Tone.Dim),
            $"backend {run.Backend.Label}",
            $"corpus {run.Corpus.Plugin.Label}",
            new Line($"  {SafeText.Escape(Path.GetFileName(run.Corpus.Origin), keepNewlines: false)}: {Format.Count(run.Corpus.Text.Length)} chars", Tone.Dim),
            $"limit {limit}  sample every {Format.Count(training.SampleInterval)}",
        ];
    }
}
