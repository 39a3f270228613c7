using RnnTui.Cli;
using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>Everything a training run is made of: its settings, corpus, plugins, kernel, optimizer and parameters.</summary>
internal sealed class TrainingRun : IDisposable
{
    private TrainingRun(AppSettings settings, CorpusData corpus, PluginDescriptor backend, PluginDescriptor optimizer, IRnnKernel kernel, IOptimizer optimizerInstance, double[] parameters)
    {
        Settings = settings;
        Corpus = corpus;
        Backend = backend;
        OptimizerPlugin = optimizer;
        Kernel = kernel;
        Optimizer = optimizerInstance;
        Parameters = parameters;
    }

    public AppSettings Settings { get; }

    public CorpusData Corpus { get; }

    public PluginDescriptor Backend { get; }

    public PluginDescriptor OptimizerPlugin { get; }

    public RnnShape Shape => Kernel.Shape;

    public IRnnKernel Kernel { get; }

    public IOptimizer Optimizer { get; }

    /// <summary>
    /// The initial parameters, in the flat layout of <see cref="RnnShape"/>. Training continues in this buffer and two of
    /// the trainer's, which trade places; <see cref="Trainer.Parameters"/> is the current one.
    /// </summary>
    public double[] Parameters { get; }

    /// <summary>Loads the corpus and creates the kernel, optimizer and initial parameters the settings name.</summary>
    /// <param name="settings">The settings in force.</param>
    /// <param name="catalog">The plugins found.</param>
    /// <param name="cancellationToken">Stops a long corpus read.</param>
    /// <param name="wrapKernel">Wraps the backend's kernel, for observing it (tests, profiling).</param>
    /// <exception cref="UsageException">A plugin is unknown or refuses its settings, or the corpus is unusable.</exception>
    public static TrainingRun Create(AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default, Func<IRnnKernel, IRnnKernel>? wrapKernel = null)
    {
        var backendPlugin = catalog.Get(PluginKind.Backend, settings.Plugins.Backend);
        var optimizerPlugin = catalog.Get(PluginKind.Optimizer, settings.Plugins.Optimizer);
        var corpus = CorpusData.Load(settings, catalog, cancellationToken);
        var shape = new RnnShape(corpus.Vocabulary.Count, settings.Model.Hidden);
        var kernel = CreateKernel(backendPlugin, shape, settings.Model.SeqLength);
        kernel = wrapKernel?.Invoke(kernel) ?? kernel;
        var optimizerSettings = settings.For(optimizerPlugin.Name);
        IOptimizer optimizer;
        try
        {
            optimizer = ((IOptimizerProvider)optimizerPlugin.Instance).Create(shape.ParameterCount, optimizerSettings);
        }
        catch (PluginInputException e)
        {
            kernel.Dispose();
            throw new UsageException($"optimizer {optimizerPlugin.Name}: {e.Message}");
        }

        PluginSettingsCheck.ThrowIfUnread(optimizerPlugin, optimizerSettings);
        var parameters = ParameterInitializer.Create(shape, settings.Model.Sigma, settings.Model.Seed);
        return new TrainingRun(settings, corpus, backendPlugin, optimizerPlugin, kernel, optimizer, parameters);
    }

    /// <summary>A kernel from a backend plugin, refusing a backend this machine cannot run.</summary>
    /// <exception cref="UsageException">The backend is not supported here or refuses the shape.</exception>
    public static IRnnKernel CreateKernel(PluginDescriptor backendPlugin, RnnShape shape, int maxSequenceLength)
    {
        var backend = (IComputeBackend)backendPlugin.Instance;
        if (!backend.IsSupported)
        {
            throw new UsageException($"backend {backendPlugin.Name} is not supported on this machine");
        }

        try
        {
            return backend.CreateKernel(shape, maxSequenceLength);
        }
        catch (Exception e) when (e is PluginInputException or ArgumentException)
        {
            throw new UsageException($"backend {backendPlugin.Name}: {e.Message}");
        }
    }

    public void Dispose() => Kernel.Dispose();
}
