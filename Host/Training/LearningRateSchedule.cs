using System.Globalization;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>
/// The factor on the optimizer's own learning rate at each update: a linear warm-up, then constant, step decay or a
/// cosine down to a floor. It depends only on the update's number, so a resumed run continues on the same curve.
/// </summary>
internal sealed class LearningRateSchedule
{
    private readonly LearningRateSettings _settings;
    private readonly long _cosineUpdates;

    private LearningRateSchedule(LearningRateSettings settings, long cosineUpdates)
    {
        _settings = settings;
        _cosineUpdates = cosineUpdates;
    }

    /// <summary>
    /// The schedule the settings ask for, or null when the rate never changes. <paramref name="updateLimit"/> is the
    /// run's length in updates (0: no limit), which a cosine without <see cref="LearningRateSettings.CosineUpdates"/> spans.
    /// </summary>
    /// <exception cref="UsageException">A cosine schedule has neither a length nor a limit to span.</exception>
    public static LearningRateSchedule? Create(LearningRateSettings settings, long updateLimit)
    {
        if (settings.IsConstant)
        {
            return null;
        }

        var cosineUpdates = settings.CosineUpdates;
        if (settings.Schedule == LearningRateSettings.Cosine && cosineUpdates == 0)
        {
            if (updateLimit == 0)
            {
                throw new UsageException("the cosine schedule needs a length: give --steps, --epochs or --lr-cosine-updates");
            }

            cosineUpdates = Math.Max(1, updateLimit - settings.WarmupUpdates);
        }

        return new LearningRateSchedule(settings, cosineUpdates);
    }

    /// <summary>One line for the run's description, e.g. <c>cosine to 0 over 19,000 updates after 1,000 of warm-up</c>.</summary>
    public string Description
    {
        get
        {
            var shape = _settings.Schedule switch
            {
                LearningRateSettings.Step => Invariant($"step: times {_settings.DecayFactor} every {_settings.DecayEvery:N0} updates"),
                LearningRateSettings.Cosine => Invariant($"cosine to {_settings.FloorFactor} eta over {_cosineUpdates:N0} updates"),
                _ => "constant",
            };
            return _settings.WarmupUpdates > 0 ? Invariant($"{shape}, after {_settings.WarmupUpdates:N0} updates of warm-up") : shape;
        }
    }

    /// <summary>The factor for the update that follows <paramref name="step"/> updates (0 for the first).</summary>
    public double Factor(long step)
    {
        var warmup = _settings.WarmupUpdates;
        var warm = step < warmup ? (step + 1) / (double)warmup : 1.0;
        return warm * (_settings.Schedule switch
        {
            LearningRateSettings.Step => Math.Pow(_settings.DecayFactor, step / _settings.DecayEvery),
            LearningRateSettings.Cosine => Cosine(Math.Clamp((step - warmup) / (double)_cosineUpdates, 0, 1)),
            _ => 1.0,
        });
    }

    private double Cosine(double progress)
    {
        var floor = _settings.FloorFactor;
        return floor + ((1 - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
