using System.Text;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Reporting;

/// <summary>
/// <c>report.md</c> in a run's folder, answering the course report's four questions from the run: Q1 the gradient
/// check tables on the run's settings at the check's small m; Q2 the smooth loss graph (<c>smooth-loss.png</c>) with
/// the training parameters; Q3 the text synthesized before the first update and at every sample interval; Q4 a
/// passage from the parameters that reached the lowest smooth loss.
/// </summary>
internal sealed partial class RunReport
{
    private readonly RunFolder _folder;
    private readonly AppSettings _settings;
    private readonly PluginCatalog _catalog;
    private readonly Checkpoint _latest;
    private readonly Checkpoint _best;

    private RunReport(RunFolder folder, AppSettings settings, PluginCatalog catalog, Checkpoint latest, Checkpoint best)
    {
        _folder = folder;
        _settings = settings;
        _catalog = catalog;
        _latest = latest;
        _best = best;
    }

    /// <summary>Writes report.md and smooth-loss.png into the run's folder and returns the report's path.</summary>
    /// <exception cref="UsageException">The run has no checkpoint, or its settings no longer work (e.g. the corpus moved).</exception>
    /// <exception cref="CheckpointException">A checkpoint is damaged.</exception>
    public static string Write(RunFolder folder, AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default)
    {
        var latestPath = folder.ResumableCheckpoint ?? throw new UsageException($"run '{folder.Name}' has no checkpoint yet");
        var latest = CheckpointFormat.Read(latestPath);
        var best = File.Exists(folder.BestPath) ? CheckpointFormat.Read(folder.BestPath) : latest;
        if (latest.BestSmoothLoss < best.BestSmoothLoss)
        {
            best = latest;
        }

        var report = new RunReport(folder, settings, catalog, latest, best);
        var text = report.Build(cancellationToken);
        AtomicFile.Write(folder.ReportPath, Encoding.UTF8.GetBytes(text));
        return folder.ReportPath;
    }

    private string Build(CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        builder.Append($"# rnntui report: run {Markdown.Inline(_folder.Name)}\n\n");
        builder.Append(Summary()).Append('\n');
        builder.Append(GradientSection(cancellationToken)).Append('\n');
        builder.Append(LossSection()).Append('\n');
        builder.Append(EvolutionSection()).Append('\n');
        builder.Append(PassageSection());
        return builder.ToString();
    }

    private string Summary()
    {
        var corpus = RunManifest.Text(_folder, "corpus", "origin") ?? _settings.For(_settings.Plugins.Corpus).GetString("path") ?? "?";
        var started = DateTimeOffset.TryParse(RunManifest.Text(_folder, "started"), System.Globalization.CultureInfo.InvariantCulture, out var at)
            ? at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : "?";
        return $"Corpus `{Markdown.Inline(Path.GetFileName(corpus))}` ({Format.Count(_latest.CorpusLength)} characters, K = {_latest.VocabularySize}); " +
            $"model {Markdown.Inline(ModelText(_latest.Model))}, m = {_latest.HiddenSize}; {Format.Count(_latest.Step)} updates ({Epochs} epochs) in {Format.Duration(_latest.Elapsed)} of training " +
            $"on backend {Markdown.Inline(_latest.BackendName)}; started {Markdown.Inline(started)}.\n";
    }

    /// <summary>How the report names a checkpoint's model, e.g. <c>rnn</c> or <c>lstm (dropout=0.2, layers=2)</c>.</summary>
    private static string ModelText(ModelRecord model) => model.Settings.Count == 0 ? model.Name : $"{model.Name} ({model.SettingsText})";

    /// <summary>Passes over the text so far, e.g. <c>2.47</c>: the header and table 4 give this one figure.</summary>
    /// <remarks>A pass is over the text trained on: the corpus without the tail held out for validation.</remarks>
    private string Epochs => (_latest.Epoch - 1 + (_latest.Position / (double)(_latest.CorpusLength - _latest.HeldOutLength))).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The passage of Q4: from the best parameters, starting where training had them (their hidden state and the text's
    /// next character), or from h = 0 with the first character drawn from softmax(c / T) when the checkpoint predates
    /// that record.
    /// </summary>
    private (string Text, SampleFrom From) BestPassage(int length)
    {
        using var kernel = CheckpointKernel.Create(_catalog, _settings, _best);
        var sampler = new Sampler(kernel, new Vocabulary(_best.Vocabulary));
        var options = new SamplingOptions(_settings.Training.Temperature);
        return sampler.Start(_best.BestParameters, _best.BestStart, length, options, new Xoshiro256(_settings.Model.Seed));
    }
}
