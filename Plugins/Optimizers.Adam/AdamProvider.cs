using RnnTui.Contracts;

namespace RnnTui.Optimizers.Adam;

/// <summary>Creates Adam (and AdamW) optimizers.</summary>
[Plugin("adam", "Adam: bias-corrected moments, theta -= eta mhat / (sqrt(vhat) + epsilon); weightDecay > 0 is AdamW")]
public sealed class AdamProvider : IOptimizerProvider
{
    private static readonly AdamOptions Defaults = new();

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", Defaults.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("beta1", Defaults.Beta1, "decay of the running mean of gradients (first moment)") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true },
        SettingDefinition.Number("beta2", Defaults.Beta2, "decay of the running mean of squared gradients (second moment)") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true },
        SettingDefinition.Number("epsilon", Defaults.Epsilon, "added to the square root of the bias-corrected second moment, outside it") with { Minimum = 0, MinimumIsExclusive = true },
        SettingDefinition.Number("weightDecay", Defaults.WeightDecay, "decoupled weight decay (AdamW): theta -= eta lambda theta; 0 is plain Adam") with { Minimum = 0, Option = "weight-decay", ValueName = "L" },
    ];

    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new AdamOptimizer(parameterCount, AdamOptions.From(settings));
}
