namespace RnnTui.Settings;

/// <summary>The network's size and initialisation.</summary>
[SettingsSection("Model", "the network's size and initialisation")]
internal sealed record ModelSettings
{
    /// <summary>The initialisations <see cref="Init"/> takes.</summary>
    public const string Normal = "normal", Xavier = "xavier", Orthogonal = "orthogonal";

    /// <summary>Every initialisation, in the order help lists them.</summary>
    public static readonly string[] Inits = [Normal, Xavier, Orthogonal];

    [Setting("hidden units m", Minimum = 1, Maximum = 4096, Option = "hidden", ValueName = "M", Scope = OptionScope.Train | OptionScope.Bench)]
    public int Hidden { get; init; } = 100;

    [Setting("characters per training sequence", Minimum = 1, Maximum = 100_000, Option = "seq-length", ValueName = "N")]
    public int SeqLength { get; init; } = 25;

    [Setting("standard deviation of the initial weights", Minimum = 0, MinimumIsExclusive = true, Maximum = 10, Option = "sigma", ValueName = "S")]
    public double Sigma { get; init; } = 0.01;

    [Setting("initial U, W, V: normal N(0, sig^2), xavier N(0, 2/(fan_in+fan_out)), or orthogonal (xavier with W orthogonal)", Option = "init", ValueName = "KIND", Choices = [Normal, Xavier, Orthogonal])]
    public string Init { get; init; } = Normal;

    [Setting("random seed of the initial weights and the samples", Minimum = 0, Option = "seed", ValueName = "N")]
    public ulong Seed { get; init; } = 1;
}
