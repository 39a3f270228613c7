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

    [Setting("check at most N elements per parameter (0: all)", Minimum = 0, Maximum = int.MaxValue, Option = "elements", ValueName = "N", Scope = OptionScope.GradientCheck)]
    public int MaxElements { get; init; }
}
