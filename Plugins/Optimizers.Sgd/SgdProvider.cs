using RnnTui.Contracts;

namespace RnnTui.Optimizers.Sgd;

/// <summary>Creates SGD optimizers.</summary>
[Plugin("sgd", "Stochastic gradient descent with optional momentum: v = mu v + g; theta -= eta v")]
public sealed class SgdProvider : IOptimizerProvider
{
    private static readonly SgdOptions Defaults = new();

    /// <inheritdoc />
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", Defaults.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("momentum", Defaults.Momentum, "momentum coefficient mu; 0 is plain SGD") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true },
    ];

    /// <inheritdoc />
    public IOptimizer Create(int parameterCount, PluginSettings settings) => new SgdOptimizer(parameterCount, SgdOptions.From(settings));
}
