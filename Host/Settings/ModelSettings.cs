namespace RnnTui.Settings;

/// <summary>The network's size and initialisation.</summary>
[SettingsSection("Model", "the network's size and initialisation")]
internal sealed record ModelSettings
{
    [Setting("hidden units m", Minimum = 1, Maximum = 4096, Option = "hidden", ValueName = "M", Scope = OptionScope.Train | OptionScope.Bench)]
    public int Hidden { get; init; } = 100;

    [Setting("characters per training sequence", Minimum = 1, Maximum = 100_000, Option = "seq-length", ValueName = "N")]
    public int SeqLength { get; init; } = 25;

    [Setting("standard deviation of the initial weights", Minimum = 0, MinimumIsExclusive = true, Maximum = 10, Option = "sigma", ValueName = "S")]
    public double Sigma { get; init; } = 0.01;

    [Setting("random seed of the initial weights and the samples", Minimum = 0, Option = "seed", ValueName = "N")]
    public ulong Seed { get; init; } = 1;
}
