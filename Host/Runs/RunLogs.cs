using System.Globalization;

namespace RnnTui.Runs;

/// <summary>Reading a run's metrics, and trimming its logs back to a checkpoint's step.</summary>
internal static class RunLogs
{
    /// <summary>One metrics line: the update step, the smooth loss and the best so far, and the latest and lowest validation loss (NaN when none).</summary>
    public readonly record struct Point(long Step, double SmoothLoss, double BestSmoothLoss, long BestStep, double ElapsedSeconds)
    {
        public double ValidationLoss { get; init; } = double.NaN;

        /// <summary>The update step <see cref="ValidationLoss"/> was computed at (0 when none).</summary>
        public long ValidationStep { get; init; }

        public double BestValidationLoss { get; init; } = double.NaN;

        public long BestValidationStep { get; init; }
    }

    /// <summary>The metrics of a run, in order; lines that do not parse (cut by a crash) are skipped.</summary>
    public static IReadOnlyList<Point> ReadMetrics(string path)
    {
        var points = new List<Point>();
        if (!File.Exists(path))
        {
            return points;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length >= 9
                && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var step)
                && double.TryParse(fields[4], CultureInfo.InvariantCulture, out var smooth)
                && double.TryParse(fields[5], CultureInfo.InvariantCulture, out var best)
                && long.TryParse(fields[6], CultureInfo.InvariantCulture, out var bestStep)
                && double.TryParse(fields[8], CultureInfo.InvariantCulture, out var elapsed))
            {
                var point = new Point(step, smooth, best, bestStep, elapsed);
                if (fields.Length >= 15
                    && double.TryParse(fields[9], CultureInfo.InvariantCulture, out var validation)
                    && double.TryParse(fields[12], CultureInfo.InvariantCulture, out var bestValidation)
                    && long.TryParse(fields[13], CultureInfo.InvariantCulture, out var bestValidationStep))
                {
                    point = point with { ValidationLoss = validation, BestValidationLoss = bestValidation, BestValidationStep = bestValidationStep };
                    if (long.TryParse(fields[11], CultureInfo.InvariantCulture, out var validationStep))
                    {
                        point = point with { ValidationStep = validationStep };
                    }
                }

                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>
    /// Drops the metrics lines and samples after <paramref name="step"/> (and any line cut short), rewriting each
    /// file atomically, so that a run resumed from a checkpoint at that step does not repeat them.
    /// </summary>
    public static void DropAfter(RunFolder folder, long step)
    {
        if (File.Exists(folder.MetricsPath))
        {
            var kept = new List<string> { MetricsWriter.CsvHeader };
            kept.AddRange(File.ReadLines(folder.MetricsPath).Skip(1).Where(l => ReadStep(l) is { } s && s <= step));
            AtomicFile.Write(folder.MetricsPath, System.Text.Encoding.UTF8.GetBytes(string.Join("", kept.Select(l => l + "\n"))));
        }

        if (File.Exists(folder.SamplesPath))
        {
            var kept = File.ReadLines(folder.SamplesPath).Where(l => SampleLog.Parse(l) is { } s && s.Step <= step);
            AtomicFile.Write(folder.SamplesPath, System.Text.Encoding.UTF8.GetBytes(string.Join("", kept.Select(l => l + "\n"))));
        }
    }

    private static long? ReadStep(string line)
    {
        var fields = line.Split(',');
        return fields.Length >= 9 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var step) ? step : null;
    }
}
