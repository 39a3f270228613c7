using RnnTui.Contracts;

namespace RnnTui.Optimizers.AdaGrad;

/// <summary>Creates AdaGrad optimizers.</summary>
[Plugin("adagrad", "AdaGrad: per-parameter steps eta / sqrt(sum of squared gradients + epsilon)")]
public sealed class AdaGradProvider : IOptimizerProvider
{
    private static readonly AdaGradOptions Defaults = new();

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", Defaults.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("epsilon", Defaults.Epsilon, "added to the sum of squares inside the square root") with { Minimum = 0, MinimumIsExclusive = true },
    ];

    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new AdaGradOptimizer(parameterCount, AdaGradOptions.From(settings));
}
