using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Tests.Plugins;

/// <summary>The plugins built beside the tests, discovered once, as the host discovers them.</summary>
internal static class Catalog
{
    private static readonly Lazy<PluginCatalog> Shared = new(() => PluginCatalog.Discover([], new HashSet<string>()));

    public static PluginCatalog Instance => Shared.Value;

    public static IRnnKernel Kernel(string backend, RnnShape shape, int maxSequenceLength) =>
        Instance.Create<IComputeBackend>(PluginKind.Backend, backend).CreateKernel(shape, maxSequenceLength);

    public static IOptimizer Optimizer(string name, int parameterCount, params (string Key, string Value)[] settings) =>
        Instance.Create<IOptimizerProvider>(PluginKind.Optimizer, name)
            .Create(parameterCount, new PluginSettings(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))));
}
