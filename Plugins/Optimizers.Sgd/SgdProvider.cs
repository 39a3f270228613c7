using RnnTui.Contracts;

namespace RnnTui.Optimizers.Sgd;

/// <summary>Creates SGD optimizers.</summary>
[Plugin("sgd", "Stochastic gradient descent with optional momentum: v = mu v + g; theta -= eta v")]
public sealed class SgdProvider : IOptimizerProvider
{
    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new SgdOptimizer(parameterCount, SgdOptions.From(settings));
}
