using RnnTui.Contracts;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Optimizers;

/// <summary>Every optimizer the built-in plugins offer, in each variant its settings select, for the tests they all must pass.</summary>
internal static class OptimizerVariants
{
    private static readonly Dictionary<string, (string Plugin, (string Key, string Value)[] Settings)> Table = new(StringComparer.Ordinal)
    {
        ["adagrad"] = ("adagrad", [("eta", "0.05")]),
        ["sgd"] = ("sgd", [("eta", "0.05"), ("momentum", "0")]),
        ["sgd-momentum"] = ("sgd", [("eta", "0.05"), ("momentum", "0.9")]),
        ["sgd-nesterov"] = ("sgd", [("eta", "0.05"), ("momentum", "0.9"), ("nesterov", "true")]),
        ["rmsprop"] = ("rmsprop", [("eta", "0.01"), ("rho", "0.9")]),
        ["rmsprop-centered"] = ("rmsprop", [("eta", "0.01"), ("rho", "0.9"), ("centered", "true")]),
        ["rmsprop-momentum"] = ("rmsprop", [("eta", "0.01"), ("rho", "0.9"), ("momentum", "0.5")]),
        ["rmsprop-centered-momentum"] = ("rmsprop", [("eta", "0.01"), ("rho", "0.9"), ("momentum", "0.5"), ("centered", "true")]),
        ["adam"] = ("adam", [("eta", "0.01")]),
        ["adamw"] = ("adam", [("eta", "0.01"), ("weightDecay", "0.1")]),
    };

    /// <summary>Every variant's label.</summary>
    public static TheoryData<string> All => new(Table.Keys);

    /// <summary>The variants that leave a parameter where it is when its gradient is zero from a fresh start (all but AdamW, which decays it).</summary>
    public static TheoryData<string> WithoutWeightDecay => new(Table.Keys.Where(k => k != "adamw"));

    /// <summary>The optimizer of a variant, made by its plugin for <paramref name="count"/> parameters.</summary>
    public static IClippingOptimizer Create(string label, int count)
    {
        var (plugin, settings) = Table[label];
        return Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(plugin, count, settings));
    }

    /// <summary>Parameters to start from: a smooth spread in [-1, 1].</summary>
    public static double[] Parameters(int count) => [.. Enumerable.Range(0, count).Select(i => Math.Cos(i))];

    /// <summary>
    /// Gradients for a step: mostly within [-9, 9], so that some are clipped at 5, with exact zeros (skipped by AdaGrad,
    /// as the zero columns of dU are), the limit itself and elements just inside it.
    /// </summary>
    public static double[] Gradients(int count, int step) =>
        [.. Enumerable.Range(0, count).Select(i => (i % 7) switch
        {
            3 => 0.0,
            5 => step % 2 == 0 ? -5.0 : 4.999,
            _ => Math.Sin((i * 3) + (step * 1.7)) * 9,
        })];
}
