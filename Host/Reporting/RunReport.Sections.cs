using System.Globalization;
using System.Text;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Reporting;

internal sealed partial class RunReport
{
    private string GradientSection(CancellationToken cancellationToken)
    {
        var check = GradientCheckReport.Create(_settings, _catalog, cancellationToken);
        var result = check.Result;
        var builder = new StringBuilder("## Q1: Gradient computations\n\n");
        builder.Append(
            "The analytic gradients of back-propagation through time are compared with centered differences " +
            $"(h = {Format.Number(result.Step)}, float64) on the corpus's first seq_length characters from h = 0, for every " +
            $"element{(_settings.GradientCheck.MaxElements > 0 ? " of a sample" : "")}, by the relative error " +
            "|a - n| / max(|a|, |n|) (0 where both are 0).\n\n");
        builder.Append("Table 1: parameters used for the gradient check\n\n");
        builder.Append(Markdown.Table(["Parameter", "Value"], check.Parameters().Select(p => (IReadOnlyList<string>)[p.Name, p.Value])));
        builder.Append('\n');
        builder.Append(ErrorTable("Table 2: relative errors of the weights' gradients", result.Errors.Where(e => e.Name is "U" or "W" or "V")));
        builder.Append(ErrorTable("Table 3: relative errors of the biases' gradients", result.Errors.Where(e => e.Name is "b" or "c")));
        builder.Append($"**{Markdown.Inline(check.Verdict)}**\n");
        return builder.ToString();
    }

    private static string ErrorTable(string caption, IEnumerable<ParameterError> errors)
    {
        var list = errors.ToList();
        List<IReadOnlyList<string>> rows =
        [
            (string[])["mean", .. list.Select(e => Format.Error(e.Mean))],
            (string[])["max", .. list.Select(e => Format.Error(e.Max))],
            (string[])["min", .. list.Select(e => Format.Error(e.Min))],
            (string[])["elements checked", .. list.Select(e => $"{e.Checked}/{e.Total}")],
        ];
        return $"{caption}\n\n{Markdown.Table(["", .. list.Select(e => $"grad_{e.Name}")], rows)}\n";
    }

    private string LossSection()
    {
        var metrics = RunLogs.ReadMetrics(_folder.MetricsPath);
        var points = metrics.Select(p => (p.Step, p.SmoothLoss)).ToList();

        // A validation loss is logged at every progress line after its first evaluation: one point per evaluation step.
        var validation = metrics.Where(p => double.IsFinite(p.ValidationLoss)).Select(p => (p.Step, Loss: p.ValidationLoss)).ToList();
        var builder = new StringBuilder("## Q2: Graph of the smooth loss\n\n");
        var (model, training) = (_settings.Model, _settings.Training);
        var optimizer = RunManifest.Text(_folder, "plugins", "optimizer", "name") ?? _settings.Plugins.Optimizer;
        var optimizerSettings = RunManifest.Text(_folder, "plugins", "optimizer", "settings") ?? "";
        builder.Append("Table 4: parameters used for training\n\n");
        builder.Append(Markdown.Table(["Parameter", "Value"],
        [
            ["model", ModelText(_latest.Model)],
            ["K", _latest.VocabularySize.ToString(CultureInfo.InvariantCulture)],
            ["m", _latest.HiddenSize.ToString(CultureInfo.InvariantCulture)],
            ["optimizer", $"{optimizer} ({optimizerSettings})"],
            ["seq_length", _latest.SeqLength.ToString(CultureInfo.InvariantCulture)],
            ["sig", Format.Number(model.Sigma)],
            ["seed", model.Seed.ToString(CultureInfo.InvariantCulture)],
            ["clip", Format.Number(training.Clip)],
            ["update steps", Format.Count(_latest.Step)],
            ["epochs", Epochs],
            ["backend", _latest.BackendName],
        ]));
        builder.Append('\n');
        if (points.Count == 0)
        {
            builder.Append("No progress was logged (metrics.csv is empty), so there is no graph.\n");
            return builder.ToString();
        }

        var png = LossPlot.Render(points, $"Smooth loss by update step, run {_folder.Name}", (_best.BestStep, _best.BestSmoothLoss), validation);
        AtomicFile.Write(_folder.PlotPath, png);
        builder.Append($"![Smooth loss by update step]({Path.GetFileName(_folder.PlotPath)})\n\n");
        builder.Append(
            $"Picture 1: smooth loss by update step ({points.Count} points, one every {Format.Count(training.ProgressInterval)} updates). " +
            $"The lowest smooth loss, {Format.Loss(_best.BestSmoothLoss)}, was reached at update step {Format.Count(_best.BestStep)}.\n");
        if (_latest.Validation is { HasLoss: true } held)
        {
            builder.Append(
                $"\nThe dashed line is the validation loss: the mean loss per {_latest.SeqLength}-character sequence over the last " +
                $"{Format.Count(_latest.HeldOutLength)} characters of the text, held out of training. Its lowest, {Format.Loss(held.BestLoss)} " +
                $"({Format.Loss(held.BestLoss / _latest.SeqLength)} per character), was reached at update step {Format.Count(held.BestStep)}.\n");
        }

        return builder.ToString();
    }

    private string EvolutionSection()
    {
        var samples = SampleLog.Read(_folder.SamplesPath).Where(s => s.Origin is "before the first update" or "interval").ToList();
        var builder = new StringBuilder("## Q3: Evolution of the synthesized text\n\n");
        if (samples.Count == 0)
        {
            builder.Append("No sample was recorded.\n");
            return builder.ToString();
        }

        builder.Append(
            $"Text synthesized ({samples[0].Text.Length} characters) before the first update and every " +
            $"{Format.Count(_settings.Training.SampleInterval)} updates, from the hidden state and the next character of the text at " +
            "that moment, each at the temperature (and top-k, top-p, priming text) given beside it. Newlines are kept; other " +
            "control characters are shown as their Unicode pictures (␛ for escape, ␍ for carriage return) and a tab as a space.\n\n");
        foreach (var sample in samples)
        {
            var loss = sample.Step == 0 || double.IsNaN(sample.SmoothLoss) ? "before the first update" : $"smooth loss {Format.Loss(sample.SmoothLoss)}";
            builder.Append($"**update step {Format.Count(sample.Step)}**, {loss}{HowDrawn(sample)}\n\n");
            builder.Append(Markdown.Fenced(sample.Text)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>How a sample was drawn: its temperature, and top-k, top-p and priming text when used.</summary>
    private string HowDrawn(TrainingSample sample)
    {
        var options = sample.Options ?? new SamplingOptions(_settings.Training.Temperature);
        var parts = new List<string> { $"temperature {Format.Number(options.Temperature)}" };
        if (options.TopK > 0)
        {
            parts.Add($"top-k {options.TopK}");
        }

        if (options.TopP < 1)
        {
            parts.Add($"top-p {Format.Number(options.TopP)}");
        }

        if (sample.Prime.Length > 0)
        {
            parts.Add($"primed with `{Markdown.Inline(sample.Prime)}`");
        }
        else if (sample.From == SampleFrom.Zero)
        {
            parts.Add(SampleFrom.Zero.Phrase());
        }

        return ", " + string.Join(", ", parts);
    }

    private string PassageSection()
    {
        var length = _settings.Training.FinalSampleLength > 0 ? _settings.Training.FinalSampleLength : 1000;
        var (passage, from) = BestPassage(length);
        var start = from == SampleFrom.TrainingState
            ? "from the hidden state training had at them and the text's next character"
            : "from h = 0 (this checkpoint does not record their training state)";
        var chosen = _settings.Training.BestBy == TrainingSettings.ByValidation && _best.Validation.HasLoss
            ? $"The lowest validation loss was {Format.Loss(_best.Validation.BestLoss)} ({Format.Number(_best.Validation.BestLoss)}) at update step {Format.Count(_best.BestParametersStep)}"
            : $"The lowest smooth loss was {Format.Loss(_best.BestSmoothLoss)} ({Format.Number(_best.BestSmoothLoss)}) at update step {Format.Count(_best.BestStep)}";
        return "## Q4: A passage from the best model\n\n" +
            $"{chosen}. {Format.Count(length)} characters synthesized from the parameters that reached it, {start} " +
            $"(temperature {Format.Number(_settings.Training.Temperature)}, seed {_settings.Model.Seed}):\n\n" +
            Markdown.Fenced(passage);
    }
}
