using RnnTui.Contracts;

namespace RnnTui.Optimizers.Sgd;

/// <summary>Creates SGD optimizers.</summary>
[Plugin("sgd", "Stochastic gradient descent with optional momentum: v = mu v + g; theta -= eta v; or Nesterov's")]
public sealed class SgdProvider : IOptimizerProvider
{
    private static readonly SgdOptions Defaults = new();

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", Defaults.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("momentum", Defaults.Momentum, "momentum coefficient mu (0: none)") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true, Option = "momentum", ValueName = "MU" },
        SettingDefinition.Boolean("nesterov", Defaults.Nesterov, "Nesterov momentum: theta -= eta (g + mu v) after v = mu v + g; needs momentum > 0") with { Option = "nesterov", ValueName = "BOOL" },
    ];

    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new SgdOptimizer(parameterCount, SgdOptions.From(settings));
}
