namespace RnnTui.Settings;

/// <summary>The gradient check's network size, difference step and pass threshold.</summary>
[SettingsSection("GradientCheck", "the gradient check's network size, difference step and pass threshold")]
internal sealed record GradientCheckSettings
{
    [Setting("hidden units m of the checked network", Minimum = 1, Maximum = 4096, Option = "hidden", ValueName = "M", Scope = OptionScope.GradientCheck)]
    public int Hidden { get; init; } = 5;

    [Setting("step h of the centred differences", Minimum = 0, MinimumIsExclusive = true, Maximum = 1)]
    public double Step { get; init; } = 1e-4;

    [Setting("largest maximum relative error that passes", Minimum = 0, MinimumIsExclusive = true, Maximum = 1, Option = "threshold", ValueName = "X", Scope = OptionScope.GradientCheck)]
    public double Threshold { get; init; } = 1e-5;

    /// <summary>
    /// The scale of a gated model's checked parameters. At the vanilla RNN's sig = 0.01 a GRU's or an LSTM's gates make
    /// some gradients third-order small (about 1e-9), which centred differences cannot resolve to 1e-5, so those
    /// models are checked where every gradient is large enough to be measured.
    /// </summary>
    [Setting("weights of the checked network N(0, S^2) for models other than rnn (rnn is checked at sig, as the report)", Minimum = 0, MinimumIsExclusive = true, Maximum = 10, Option = "check-sigma", ValueName = "S", Scope = OptionScope.GradientCheck)]
    public double Sigma { get; init; } = 0.3;

    [Setting("check at most N elements per parameter (0: all)", Minimum = 0, Maximum = int.MaxValue, Option = "elements", ValueName = "N", Scope = OptionScope.GradientCheck)]
    public int MaxElements { get; init; }
}
