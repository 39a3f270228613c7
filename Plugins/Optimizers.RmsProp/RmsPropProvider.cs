using RnnTui.Contracts;

namespace RnnTui.Optimizers.RmsProp;

/// <summary>Creates RMSProp optimizers.</summary>
[Plugin("rmsprop", "RMSProp: s = rho s + (1 - rho) g^2; theta -= eta g / (sqrt(s) + epsilon); optional momentum, centred")]
public sealed class RmsPropProvider : IOptimizerProvider
{
    private static readonly RmsPropOptions Defaults = new();

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", Defaults.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("rho", Defaults.Rho, "decay of the running mean of squared gradients") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true },
        SettingDefinition.Number("epsilon", Defaults.Epsilon, "added to the square root of the running mean, outside it") with { Minimum = 0, MinimumIsExclusive = true },
        SettingDefinition.Number("momentum", Defaults.Momentum, "momentum coefficient mu (0: none)") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true, Option = "momentum", ValueName = "MU" },
        SettingDefinition.Boolean("centered", Defaults.Centered, "divide by the gradient's running standard deviation, sqrt(s - a^2), a its running mean"),
    ];

    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new RmsPropOptimizer(parameterCount, RmsPropOptions.From(settings));
}
