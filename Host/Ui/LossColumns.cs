namespace RnnTui.Ui;

/// <summary>Which updates the Loss pane plots: the whole run, or its latest tenth (where a long run's curve has flattened).</summary>
internal enum LossView
{
    WholeRun,
    Latest,
}

/// <summary>
/// The Loss pane's plot for a view: the updates it spans, and the smooth and validation losses averaged into one value
/// per column by update step (so that a resumed run, whose history before the resume is one point per progress line,
/// keeps its proportions). A column no smooth loss falls in takes its neighbour's; a column without a validation loss
/// is NaN (no mark).
/// </summary>
/// <param name="From">The first update step plotted.</param>
/// <param name="To">The last update step plotted.</param>
/// <param name="Training">The smooth loss, one value per column.</param>
/// <param name="Validation">The validation loss per column, NaN where none was computed; empty without a validation split.</param>
internal sealed record LossColumns(long From, long To, double[] Training, double[] Validation)
{
    /// <summary>The fraction of the run the latest view shows.</summary>
    public const int LatestFraction = 10;

    public static LossColumns Empty { get; } = new(0, 0, [], []);

    /// <summary>Whether any column has a validation loss.</summary>
    public bool HasValidation => Validation.Any(double.IsFinite);

    /// <summary>The pane title's word for a view.</summary>
    public static string Title(LossView view) => view == LossView.WholeRun ? "whole run" : $"latest {100 / LatestFraction}%";

    /// <summary>The columns of a view at a width: from the first point (or the latest tenth) to <paramref name="now"/>.</summary>
    public static LossColumns Of(LossView view, (long Step, double Value)[] training, (long Step, double Value)[] validation, long now, int width)
    {
        if (training.Length == 0 || width <= 0)
        {
            return Empty;
        }

        var to = Math.Max(now, training[^1].Step);
        var from = training[0].Step;
        if (view == LossView.Latest)
        {
            from = Math.Max(from, to - ((to - from) / LatestFraction));
        }

        var shown = training.Count(p => p.Step >= from && p.Step <= to);
        var columns = Math.Min(width, Math.Max(1, shown));
        var values = Bucket(training, from, to, columns);
        Fill(values);
        var marks = validation.Length == 0 ? [] : Bucket(validation, from, to, columns);
        return new LossColumns(from, to, values, marks);
    }

    /// <summary>The mean of the points falling in each column's share of the steps; NaN where none falls.</summary>
    private static double[] Bucket((long Step, double Value)[] points, long from, long to, int columns)
    {
        var sums = new double[columns];
        var counts = new int[columns];
        var span = to - from + 1;
        foreach (var (step, value) in points)
        {
            if (step < from || step > to || !double.IsFinite(value))
            {
                continue;
            }

            var column = (int)((step - from) * columns / span);
            sums[column] += value;
            counts[column]++;
        }

        return [.. sums.Select((sum, i) => counts[i] > 0 ? sum / counts[i] : double.NaN)];
    }

    /// <summary>Gives each empty column the value before it (or, at the start, the first value after it).</summary>
    private static void Fill(double[] values)
    {
        var first = Array.FindIndex(values, double.IsFinite);
        if (first < 0)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                values[i] = i < first ? values[first] : values[i - 1];
            }
        }
    }
}
