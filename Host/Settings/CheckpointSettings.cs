namespace RnnTui.Settings;

/// <summary>How often a run saves its checkpoints.</summary>
[SettingsSection("Checkpoints", "how often a run saves its checkpoints")]
internal sealed record CheckpointSettings
{
    [Setting("save the latest checkpoint every N updates", Minimum = 1)]
    public long EveryUpdates { get; init; } = 10_000;

    [Setting("...and at least every M minutes", Minimum = 0, MinimumIsExclusive = true)]
    public double EveryMinutes { get; init; } = 5;

    [Setting("save a new lowest smooth loss at most once per N updates", Minimum = 1)]
    public long BestEveryUpdates { get; init; } = 1000;

    [Setting("...and at most once per S seconds (always at the end)", Minimum = 0)]
    public double BestEverySeconds { get; init; } = 30;
}
