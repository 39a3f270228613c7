using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>Where a run stands, for listing: from its checkpoints, else from its metrics.</summary>
/// <param name="Step">Update steps saved in its latest checkpoint (or logged, when it has none).</param>
/// <param name="BestSmoothLoss">The lowest smooth loss recorded (infinity when none).</param>
/// <param name="BestStep">Where it was reached.</param>
/// <param name="LastActivity">When anything in the run was last written.</param>
/// <param name="Problem">Why a checkpoint could not be read, or null.</param>
internal sealed record RunSummary(long Step, double BestSmoothLoss, long BestStep, DateTime LastActivity, string? Problem)
{
    /// <summary>The lowest validation loss recorded (infinity when none: no validation split, or none computed yet).</summary>
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Where it was reached.</summary>
    public long BestValidationStep { get; init; }

    /// <summary>The preset the run was started with, or null (none, or a run.json that does not say).</summary>
    public string? Preset { get; init; }

    /// <summary>The optimizer plugin's name, or null when run.json does not say.</summary>
    public string? Optimizer { get; init; }

    /// <summary>m, the number of hidden units (0 when not known).</summary>
    public int Hidden { get; init; }

    /// <summary>The model, e.g. <c>rnn</c>, or <c>lstm x2</c> for two layers; null when not known.</summary>
    public string? Model { get; init; }

    public static RunSummary Of(RunFolder folder)
    {
        long step = 0;
        var best = double.PositiveInfinity;
        long bestStep = 0;
        var bestValidation = double.PositiveInfinity;
        long bestValidationStep = 0;
        string? problem = null;
        var found = false;
        var hidden = 0;
        string? model = null;
        foreach (var path in new[] { folder.LatestPath, folder.BestPath }.Where(File.Exists))
        {
            try
            {
                var checkpoint = CheckpointFormat.Read(path);
                found = true;
                step = Math.Max(step, checkpoint.Step);
                hidden = checkpoint.HiddenSize;
                model = checkpoint.Model.Layers > 1 ? $"{checkpoint.Model.Name} x{checkpoint.Model.Layers}" : checkpoint.Model.Name;
                if (checkpoint.BestSmoothLoss < best)
                {
                    (best, bestStep) = (checkpoint.BestSmoothLoss, checkpoint.BestStep);
                }

                if (checkpoint.Validation is { HasLoss: true } validation && validation.BestLoss < bestValidation)
                {
                    (bestValidation, bestValidationStep) = (validation.BestLoss, validation.BestStep);
                }
            }
            catch (CheckpointException e)
            {
                problem = $"{Path.GetFileName(path)} unreadable: {e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}";
            }
        }

        if (!found && RunLogs.ReadMetrics(folder.MetricsPath) is { Count: > 0 } metrics)
        {
            var last = metrics[^1];
            (step, best, bestStep) = (last.Step, last.BestSmoothLoss, last.BestStep);
            if (double.IsFinite(last.BestValidationLoss))
            {
                (bestValidation, bestValidationStep) = (last.BestValidationLoss, last.BestValidationStep);
            }

            problem ??= "no checkpoint yet";
        }

        var (preset, optimizer) = Describe(folder);
        return new RunSummary(step, best, bestStep, folder.LastActivity, problem)
        {
            BestValidationLoss = bestValidation,
            BestValidationStep = bestValidationStep,
            Preset = preset,
            Optimizer = optimizer,
            Hidden = hidden,
            Model = model,
        };
    }

    /// <summary>The preset and optimizer run.json names; nulls when it is missing or unreadable (the listing goes on).</summary>
    private static (string? Preset, string? Optimizer) Describe(RunFolder folder)
    {
        try
        {
            var manifest = RunManifest.Read(folder);
            return (RunManifest.Text(manifest, "preset"), RunManifest.Text(manifest, "plugins", "optimizer", "name"));
        }
        catch (Settings.UsageException)
        {
            return (null, null);
        }
    }
}
