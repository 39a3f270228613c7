using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>What a run is made of, for display and records: nothing in it changes while the run trains.</summary>
/// <param name="Settings">The settings in force.</param>
/// <param name="Corpus">The text and its vocabulary.</param>
/// <param name="Shape">The model's shape: K, m and its parameter layout.</param>
/// <param name="Optimizer">The optimizer plugin.</param>
/// <param name="OptimizerSettings">The optimizer's own description of its settings, e.g. <c>eta=0.1, epsilon=1E-08</c>.</param>
/// <param name="Backend">The compute backend plugin.</param>
/// <param name="ElementType">What the backend computes in: <c>f64</c> or <c>f32</c>.</param>
/// <param name="Model">The model plugin.</param>
/// <param name="ModelRecord">The model as checkpoints record it: its name, sizes and settings.</param>
internal sealed record RunDescription(
    AppSettings Settings,
    CorpusData Corpus,
    RnnShape Shape,
    Plugin<IOptimizerProvider> Optimizer,
    string OptimizerSettings,
    Plugin<IComputeBackend> Backend,
    string ElementType,
    Plugin<IRecurrentModel> Model,
    ModelRecord ModelRecord)
{
    /// <summary>
    /// Who made the kernels, as messages name it when one fails: <c>backend simd</c> for the vanilla RNN, whose kernels
    /// are the backend's, or e.g. <c>model lstm</c>, whose kernels are the model's own.
    /// </summary>
    public string KernelOwner => Shape.IsVanilla ? $"backend {Backend.Name}" : $"model {Model.Name}";

    /// <summary>How the Run pane and reports name the model, e.g. <c>rnn</c> or <c>lstm (dropout=0.2, layers=2)</c>.</summary>
    public string ModelLabel => ModelRecord.Settings.Count == 0 ? Model.Name : $"{Model.Name} ({ModelRecord.SettingsText})";

    /// <summary>The run's length in updates: the step limit, or the updates of its epochs; 0 when it has no limit.</summary>
    public long UpdateLimit => TrainingSetup.UpdateLimit(Settings.Training, Corpus, Settings.Model.SeqLength);
}

/// <summary>
/// The parts a trainer is built from: the run's description, the backend's kernel, the optimizer and the initial
/// parameters. A <see cref="Trainer"/> takes it over and disposes of the kernel.
/// </summary>
internal sealed class TrainingSetup : IDisposable
{
    private TrainingSetup(RunDescription description, IRnnKernel[] kernels, IOptimizer optimizer, double[] parameters, LearningRateSchedule? schedule, double learningRate)
    {
        Description = description;
        Kernels = kernels;
        Kernel = kernels[0];
        Optimizer = optimizer;
        InitialParameters = parameters;
        Schedule = schedule;
        LearningRate = learningRate;
    }

    public RunDescription Description { get; }

    /// <summary>The kernel of the training thread, which also samples and computes validation losses.</summary>
    public IRnnKernel Kernel { get; }

    /// <summary>One kernel per thread computing a batch (<see cref="Kernel"/> first); just <see cref="Kernel"/> with batch 1.</summary>
    public IReadOnlyList<IRnnKernel> Kernels { get; }

    /// <summary>The optimizer; a fresh one replaces it when a failed step is undone (<see cref="TrainingAnchor"/>).</summary>
    public IOptimizer Optimizer { get; private set; }

    /// <summary>The initial parameters, in the flat layout of <see cref="RnnShape"/>; the trainer trains a copy.</summary>
    public double[] InitialParameters { get; }

    /// <summary>How the learning rate changes over the run, or null when it does not.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>The optimizer's own learning rate, which <see cref="Schedule"/> scales (NaN without a schedule).</summary>
    public double LearningRate { get; }

    /// <summary>Loads the corpus and creates the kernel, optimizer and initial parameters the settings name.</summary>
    /// <param name="settings">The settings in force.</param>
    /// <param name="catalog">The plugins found.</param>
    /// <param name="cancellationToken">Stops a long corpus read.</param>
    /// <param name="wrapKernel">Wraps the backend's kernel, for observing it (tests, profiling).</param>
    /// <exception cref="UsageException">A plugin is unknown or refuses its settings, or the corpus is unusable.</exception>
    /// <exception cref="PluginException">A plugin failed.</exception>
    public static TrainingSetup Create(AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default, Func<IRnnKernel, IRnnKernel>? wrapKernel = null)
    {
        if (settings.Training.BestBy == TrainingSettings.ByValidation && settings.Training.Validation <= 0)
        {
            throw new UsageException("--best-by validation needs a validation split: give --validation F (0 < F < 0.5)");
        }

        var backend = catalog.Get<IComputeBackend>(settings.Plugins.Backend);
        var model = catalog.Get<IRecurrentModel>(settings.Plugins.Model);
        var optimizerPlugin = catalog.Get<IOptimizerProvider>(settings.Plugins.Optimizer);
        var corpus = CorpusData.Load(settings, catalog, cancellationToken);
        var shape = PluginFactory.CreateShape(model, corpus.Vocabulary.Count, settings.Model.Hidden, settings);
        var batch = settings.Training.Batch;
        var threads = settings.Training.ThreadsFor(batch);

        // The threads a batch runs on are recorded as resolved, so that a resume on another machine keeps them.
        settings = settings with { Training = settings.Training with { Threads = threads } };
        var kernels = new IRnnKernel[threads];
        try
        {
            for (var t = 0; t < threads; t++)
            {
                var share = BatchGradient.Share(t + 1, threads, batch) - BatchGradient.Share(t, threads, batch);
                var kernel = PluginFactory.CreateKernel(model, backend, shape, settings.Model.SeqLength, settings, batch > 1 ? share : 1);
                kernels[t] = wrapKernel?.Invoke(kernel) ?? kernel;
            }

            var optimizer = PluginFactory.CreateOptimizer(optimizerPlugin, shape.ParameterCount, settings);
            var optimizerSettings = PluginFactory.Call(optimizerPlugin, "Description", () => optimizer.Description) ?? "";
            var schedule = LearningRateSchedule.Create(settings.LearningRate, UpdateLimit(settings.Training, corpus, settings.Model.SeqLength));
            var learningRate = double.NaN;
            if (schedule is not null)
            {
                learningRate = optimizer is ILearningRateOptimizer scheduled
                    ? PluginFactory.Call(optimizerPlugin, "LearningRate", () => scheduled.LearningRate)
                    : throw new UsageException($"optimizer {optimizerPlugin.Name} has no learning rate to schedule (it does not implement ILearningRateOptimizer): use --lr-schedule constant and --lr-warmup 0");
                optimizerSettings += $"; learning rate {schedule.Description}";
            }

            var parameters = ParameterInitializer.Create(shape, settings.Model.Sigma, settings.Model.Seed, settings.Model.Init);
            var record = ModelRecord.Of(shape, settings.PluginValues.TryGetValue(model.Name, out var values) ? values : []);
            var description = new RunDescription(settings, corpus, shape, optimizerPlugin, optimizerSettings, backend, kernels[0].ElementType, model, record);
            return new TrainingSetup(description, kernels, optimizer, parameters, schedule, learningRate);
        }
        catch
        {
            foreach (var kernel in kernels)
            {
                kernel?.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The run's length in updates: the step limit, or the epochs' sequences; 0 when it has no limit. With a batch of
    /// B, an epoch is the text's S sequences read across all the streams: ⌈epochs·S/B⌉ updates.
    /// </summary>
    internal static long UpdateLimit(TrainingSettings training, CorpusData corpus, int sequenceLength) =>
        training.Steps > 0 ? training.Steps
            : training.Batch == 1 ? training.Epochs * ((corpus.TrainingText.Length - 1) / sequenceLength)
            : ((training.Epochs * ((corpus.TrainingText.Length - 1) / sequenceLength)) + training.Batch - 1) / training.Batch;

    /// <summary>Puts a fresh optimizer in the place of one whose state a failed step left half updated.</summary>
    public void ReplaceOptimizer(IOptimizer optimizer) => Optimizer = optimizer;

    public void Dispose()
    {
        foreach (var kernel in Kernels)
        {
            kernel.Dispose();
        }
    }
}
