using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Text;

namespace RnnTui.Training;

/// <summary>A gradient check of the configured corpus and backend with the parameters used (report table 1).</summary>
internal sealed record GradientCheckReport(
    string Corpus,
    string Backend,
    string Optimizer,
    int K,
    int M,
    int SeqLength,
    double Sigma,
    ulong Seed,
    GradientCheckResult Result,
    string ElementType = "f64")
{
    /// <summary>The model checked, e.g. <c>rnn</c> or <c>lstm, 2 layers</c>.</summary>
    public string Model { get; init; } = RnnShape.VanillaModel;

    /// <summary>
    /// Checks a network of the gradient check's size (default m = 5) built as training builds it, on the corpus's first
    /// seq_length characters from h = 0, every element (or a sample when MaxElements is set).
    /// </summary>
    public static GradientCheckReport Create(AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default)
    {
        var corpus = CorpusData.Load(settings, catalog, cancellationToken);
        var backend = catalog.Get<IComputeBackend>(settings.Plugins.Backend);
        var optimizerPlugin = catalog.Get<IOptimizerProvider>(settings.Plugins.Optimizer);
        return Create(settings, corpus, catalog.Get<IRecurrentModel>(settings.Plugins.Model), backend, optimizerPlugin, cancellationToken);
    }

    /// <summary>
    /// Checks a small copy (the gradient check's m, default 5) of a run's configuration: its corpus, backend,
    /// optimizer, sequence length, sigma and seed, with fresh parameters. The run's own parameters are not touched,
    /// so this may run on any thread while the run trains.
    /// </summary>
    public static GradientCheckReport Create(RunDescription run, CancellationToken cancellationToken = default) =>
        Create(run.Settings, run.Corpus, run.Model, run.Backend, run.Optimizer, cancellationToken);

    private static GradientCheckReport Create(AppSettings settings, CorpusData corpus, Plugin<IRecurrentModel> network, Plugin<IComputeBackend> backend, Plugin<IOptimizerProvider> optimizerPlugin, CancellationToken cancellationToken)
    {
        var check = settings.GradientCheck;
        var model = settings.Model;
        var shape = PluginFactory.CreateShape(network, corpus.Vocabulary.Count, check.Hidden, settings);
        var created = PluginFactory.CreateOptimizer(optimizerPlugin, shape.ParameterCount, settings);
        var optimizer = $"{optimizerPlugin.Name} ({PluginFactory.Call(optimizerPlugin, "Description", () => created.Description)})";
        using var kernel = PluginFactory.CreateKernel(network, backend, shape, model.SeqLength, settings, training: false);
        var sigma = shape.IsVanilla ? model.Sigma : check.Sigma;
        var parameters = shape.IsVanilla
            ? ParameterInitializer.Create(shape, model.Sigma, model.Seed, model.Init)
            : ParameterInitializer.Create(shape, sigma, model.Seed, ModelSettings.Normal);
        var inputs = corpus.Text.AsSpan(0, model.SeqLength);
        var targets = corpus.Text.AsSpan(1, model.SeqLength);
        var result = GradientCheck.Run(
            kernel, parameters, inputs, targets, new double[shape.StateSize], check.Step, check.Threshold, check.MaxElements, new Xoshiro256(model.Seed), cancellationToken);
        var elementType = kernel.ElementType;
        return new GradientCheckReport(corpus.Origin, backend.Label, optimizer, shape.VocabularySize, shape.HiddenSize, model.SeqLength, sigma, model.Seed, result, elementType)
        {
            Model = shape.IsVanilla ? shape.Model : $"{shape.Model}, {shape.Layers} layer{(shape.Layers == 1 ? "" : "s")}",
        };
    }

    /// <summary>Prints the tables as plain text.</summary>
    public static void Write(GradientCheckReport report, TextWriter output)
    {
        var result = report.Result;
        output.WriteLine($"Gradient check: {report.Corpus}, backend {report.Backend}");
        output.WriteLine();
        output.WriteLine("Table 1: parameters used");
        foreach (var (name, value) in report.Parameters())
        {
            output.WriteLine($"  {name,-11}{value}");
        }

        output.WriteLine();
        output.WriteLine("Tables 2-3: relative errors |a - n| / max(|a|, |n|), analytic vs centered differences");
        var width = Math.Max(6, result.Errors.Max(e => e.Name.Length) + 1);
        output.WriteLine($"  {"param".PadRight(width)}{"checked",12}  {"mean",-11}{"max",-11}{"min",-11}");
        foreach (var e in result.Errors)
        {
            output.WriteLine($"  {e.Name.PadRight(width)}{$"{e.Checked}/{e.Total}",12}  {Format.Error(e.Mean),-11}{Format.Error(e.Max),-11}{Format.Error(e.Min),-11}");
        }

        output.WriteLine();
        output.WriteLine(report.Verdict);
        if (report.ElementType != "f64")
        {
            output.WriteLine(
                $"note: backend {report.Backend} computes in {report.ElementType}; centred differences need float64 to resolve " +
                "the gradient, so expect it to fail here; check the float64 backends instead");
        }
    }

    /// <summary>Table 1's rows.</summary>
    public IEnumerable<(string Name, string Value)> Parameters()
    {
        if (Model != RnnShape.VanillaModel)
        {
            // The vanilla RNN's table stays the report's; another model is named first.
            yield return ("model", Model);
        }

        yield return ("K", K.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("m", M.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("optimizer", Optimizer);
        yield return ("seq_length", SeqLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("sig", Format.Number(Sigma));
        yield return ("seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("h", Format.Number(Result.Step));
        yield return ("loss", Format.Loss(Result.Loss));
    }

    /// <summary>One line: the worst parameter against the threshold, and pass or fail.</summary>
    public string Verdict =>
        $"{(Result.Passed ? "PASS" : "FAIL")}: largest relative error {Format.Error(Result.Worst.Max)} ({Result.Worst.Name}) " +
        $"{(Result.Passed ? "<=" : ">")} threshold {Format.Error(Result.Threshold)}";
}
