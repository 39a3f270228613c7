namespace RnnTui.Settings;

/// <summary>
/// How the optimizer's learning rate changes over a run: a factor on the optimizer's own rate (its <c>eta</c>),
/// after an optional linear warm-up. Every optimizer that implements <c>ILearningRateOptimizer</c> gets it.
/// </summary>
[SettingsSection("LearningRate", "how the optimizer's learning rate changes over a run")]
internal sealed record LearningRateSettings
{
    /// <summary>The schedules <see cref="Schedule"/> takes.</summary>
    public const string Constant = "constant", Step = "step", Cosine = "cosine";

    [Setting("constant, step (times DecayFactor every DecayEvery updates) or cosine (down to FloorFactor over CosineUpdates)", Option = "lr-schedule", ValueName = "KIND", Choices = [Constant, Step, Cosine])]
    public string Schedule { get; init; } = Constant;

    [Setting("raise the rate linearly from eta/N to eta over the first N updates (0: no warm-up)", Minimum = 0, Option = "lr-warmup", ValueName = "N")]
    public long WarmupUpdates { get; init; }

    [Setting("step schedule: multiply the rate by DecayFactor every N updates", Minimum = 1, Option = "lr-decay-every", ValueName = "N")]
    public long DecayEvery { get; init; } = 10_000;

    [Setting("step schedule: the factor applied every DecayEvery updates", Minimum = 0, MinimumIsExclusive = true, Maximum = 1, Option = "lr-decay-factor", ValueName = "F")]
    public double DecayFactor { get; init; } = 0.5;

    [Setting("cosine schedule: updates from the end of warm-up to the floor (0: until the step limit)", Minimum = 0, Option = "lr-cosine-updates", ValueName = "N")]
    public long CosineUpdates { get; init; }

    [Setting("cosine schedule: the rate's floor, as a fraction of eta", Minimum = 0, Maximum = 1, Option = "lr-floor", ValueName = "F")]
    public double FloorFactor { get; init; }

    /// <summary>Whether the rate ever differs from the optimizer's own.</summary>
    public bool IsConstant => Schedule == Constant && WarmupUpdates == 0;
}
