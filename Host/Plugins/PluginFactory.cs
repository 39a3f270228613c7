using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// The one place the host calls into a plugin to make something: an optimizer, a kernel, a corpus. Whatever the
/// plugin throws becomes one line naming it: a <see cref="PluginInputException"/> (the user's settings are wrong) a
/// <see cref="UsageException"/>, anything else a <see cref="PluginException"/>. Settings a plugin that defines none
/// never read are reported as unknown.
/// </summary>
internal static class PluginFactory
{
    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters, with the plugin's settings.</summary>
    public static IOptimizer CreateOptimizer(Plugin<IOptimizerProvider> plugin, int parameterCount, AppSettings settings)
    {
        var values = settings.For(plugin.Name);
        var optimizer = Call(plugin, "Create", () => plugin.Instance.Create(parameterCount, values));
        ThrowIfUnread(plugin, values, settings);
        return optimizer ?? throw new PluginException($"{plugin.Title} failed in Create: it returned no optimizer");
    }

    /// <summary>The shape of a model's network for K characters and m hidden units per layer, with the model's settings.</summary>
    /// <param name="model">The model.</param>
    /// <param name="vocabularySize">K.</param>
    /// <param name="hiddenSize">m.</param>
    /// <param name="settings">The settings in force.</param>
    public static RnnShape CreateShape(Plugin<IRecurrentModel> model, int vocabularySize, int hiddenSize, AppSettings settings)
    {
        var values = settings.For(model.Name);
        var shape = Call(model, "CreateShape", () => model.Instance.CreateShape(vocabularySize, hiddenSize, values))
            ?? throw new PluginException($"{model.Title} failed in CreateShape: it returned no shape");
        return shape.VocabularySize == vocabularySize && shape.HiddenSize == hiddenSize
            ? shape
            : throw new PluginException($"{model.Title} failed in CreateShape: asked for K = {vocabularySize}, m = {hiddenSize}, it made K = {shape.VocabularySize}, m = {shape.HiddenSize}");
    }

    /// <summary>
    /// A kernel computing a model of a shape on a backend, with both plugins' settings, refusing a backend this machine
    /// cannot run or the model has no kernel for. Its methods are guarded: what they throw becomes a
    /// <see cref="PluginException"/> naming the backend and the method.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="plugin">The backend.</param>
    /// <param name="shape">The network's shape, as <paramref name="model"/> made it.</param>
    /// <param name="maxSequenceLength">The longest sequence the kernel must accept.</param>
    /// <param name="settings">The settings in force.</param>
    /// <param name="maxBatchSize">
    /// With 2 or more, the kernel is asked for batches of up to this many sequences (the backend's batched
    /// <c>CreateKernel</c>, for the vanilla RNN); with 1, for one sequence at a time, as before batches existed.
    /// </param>
    /// <param name="training">False for a kernel that only checks gradients, which never drops out.</param>
    public static IRnnKernel CreateKernel(Plugin<IRecurrentModel> model, Plugin<IComputeBackend> plugin, RnnShape shape, int maxSequenceLength, AppSettings settings, int maxBatchSize = 1, bool training = true)
    {
        if (!Call(plugin, "IsSupported", () => plugin.Instance.IsSupported))
        {
            throw new UsageException($"backend {plugin.Name} is not supported on this machine");
        }

        var values = settings.For(plugin.Name);
        var modelValues = settings.For(model.Name);
        var request = new ModelKernelRequest(plugin.Name, plugin.Instance, maxSequenceLength, maxBatchSize, values, modelValues) { Training = training };

        // The vanilla RNN's kernels are the backend's own, and what they throw is the backend's doing.
        var maker = model.Instance is VanillaModel ? (PluginInfo)plugin : model;
        var kernel = Call(maker, "CreateKernel", () => model.Instance.CreateKernel(shape, request))
            ?? throw (model.Instance is VanillaModel
                ? new PluginException($"{plugin.Title} failed in CreateKernel: it returned no kernel")
                : new UsageException($"model {model.Name} has no kernel for backend {plugin.Name}: choose another with --backend"));
        try
        {
            ThrowIfUnread(plugin, values, settings);
            ThrowIfUnread(model, modelValues, settings);
            var elementType = Call(plugin, "ElementType", () => kernel.ElementType) ?? "f64";
            return Call(maker, "Shape", () => new GuardedKernel(maker, kernel, elementType));
        }
        catch
        {
            kernel.Dispose();
            throw;
        }
    }

    /// <summary>Whether a backend runs on this machine.</summary>
    /// <exception cref="PluginException">Asking failed.</exception>
    public static bool IsSupported(Plugin<IComputeBackend> plugin) => Call(plugin, "IsSupported", () => plugin.Instance.IsSupported);

    /// <summary>The text a corpus plugin reads for its settings.</summary>
    public static CorpusText ReadCorpus(Plugin<ICorpusSource> plugin, AppSettings settings, CancellationToken cancellationToken)
    {
        var values = settings.For(plugin.Name);
        var text = Call(plugin, "Read", () => plugin.Instance.Read(values, cancellationToken), input: e => e.Message);
        ThrowIfUnread(plugin, values, settings);
        return text is { Text: not null, Origin: not null } ? text : throw new PluginException($"{plugin.Title} failed in Read: it returned no text");
    }

    /// <summary>
    /// Calls into a plugin. A <see cref="PluginInputException"/> becomes a <see cref="UsageException"/> (by default
    /// prefixed with the plugin's title), cancellation passes through, anything else becomes a <see cref="PluginException"/>.
    /// </summary>
    public static T Call<T>(PluginInfo plugin, string what, Func<T> call, Func<PluginInputException, string>? input = null)
    {
        try
        {
            return call();
        }
        catch (PluginInputException e)
        {
            throw new UsageException(input?.Invoke(e) ?? $"{plugin.Title}: {OneLine(e.Message)}");
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PluginException($"{plugin.Title} failed in {what}: {Describe(e)}", e);
        }
    }

    /// <summary>
    /// An exception as one line: its type and message; for a <see cref="PluginException"/> of a guarded call, those of
    /// the plugin's own exception.
    /// </summary>
    public static string Describe(Exception e) =>
        e is PluginException { InnerException: { } cause } ? Describe(cause) : $"{e.GetType().Name}: {OneLine(e.Message)}";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>For a plugin that defines no settings, a key it never read is almost always a typing mistake.</summary>
    private static void ThrowIfUnread(PluginInfo plugin, PluginSettings values, AppSettings settings)
    {
        if (plugin.Settings.Count == 0 && values.UnreadKeys.Order(StringComparer.Ordinal).FirstOrDefault() is { } unread)
        {
            throw new UsageException($"{Path.GetFileName(settings.ConfigPath)}: unknown key '{SettingsDefinitions.PluginSection}:{plugin.Name}:{unread}' ({plugin.Name} did not read it)");
        }
    }
}
