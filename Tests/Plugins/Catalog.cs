using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Tests.Plugins;

/// <summary>The plugins built beside the tests, discovered once, as the host discovers them.</summary>
internal static class Catalog
{
    private static readonly Lazy<PluginCatalog> Shared = new(() => PluginCatalog.Discover([], new HashSet<string>()));

    public static PluginCatalog Instance => Shared.Value;

    /// <summary>A kernel of a backend, with the backend's settings given (the rest at their defaults).</summary>
    public static IRnnKernel Kernel(string backend, RnnShape shape, int maxSequenceLength, params (string Key, string Value)[] settings) =>
        Instance.Get<IComputeBackend>(backend).Instance.CreateKernel(shape, maxSequenceLength, Settings(settings));

    public static IOptimizer Optimizer(string name, int parameterCount, params (string Key, string Value)[] settings) =>
        Instance.Get<IOptimizerProvider>(name).Instance
            .Create(parameterCount, Settings(settings));

    private static PluginSettings Settings((string Key, string Value)[] settings) =>
        new(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));

    /// <summary>A trainer for the settings, built as the training commands build it, on these plugins or <paramref name="catalog"/>.</summary>
    public static Trainer Trainer(AppSettings settings, Func<IRnnKernel, IRnnKernel>? wrapKernel = null, bool keepAlive = false, PluginCatalog? catalog = null) =>
        new(TrainingSetup.Create(settings, catalog ?? Instance, wrapKernel: wrapKernel)) { KeepAlive = keepAlive };
}
