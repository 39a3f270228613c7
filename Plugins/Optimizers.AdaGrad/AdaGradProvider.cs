using RnnTui.Contracts;

namespace RnnTui.Optimizers.AdaGrad;

/// <summary>Creates AdaGrad optimizers.</summary>
[Plugin("adagrad", "AdaGrad: per-parameter steps eta / sqrt(sum of squared gradients + epsilon)")]
public sealed class AdaGradProvider : IOptimizerProvider
{
    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new AdaGradOptimizer(parameterCount, AdaGradOptions.From(settings));
}
