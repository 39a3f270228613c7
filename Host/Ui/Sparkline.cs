namespace RnnTui.Ui;

/// <summary>
/// Draws a series as a block sparkline (<c>▁▂▃▄▅▆▇█</c>): the values are averaged into at most one bucket per
/// column and scaled between their minimum and maximum; with several rows, each row adds eight levels.
/// </summary>
internal static class Sparkline
{
    /// <summary>The eight levels of one cell, lowest first.</summary>
    public const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Averages the values into <paramref name="width"/> buckets of consecutive values (fewer when there are fewer values).</summary>
    public static double[] Downsample(ReadOnlySpan<double> values, int width)
    {
        if (width <= 0 || values.IsEmpty)
        {
            return [];
        }

        var columns = Math.Min(width, values.Length);
        var result = new double[columns];
        for (var column = 0; column < columns; column++)
        {
            var start = (int)((long)column * values.Length / columns);
            var end = (int)((long)(column + 1) * values.Length / columns);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += values[i];
            }

            result[column] = sum / (end - start);
        }

        return result;
    }

    /// <summary>The sparkline's rows, top first, each as wide as the values (the lowest value still shows <c>▁</c>).</summary>
    public static string[] Render(ReadOnlySpan<double> values, int rows)
    {
        rows = Math.Max(1, rows);
        var lines = new char[rows][];
        for (var r = 0; r < rows; r++)
        {
            lines[r] = new char[values.Length];
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        var levels = rows * Blocks.Length;
        for (var column = 0; column < values.Length; column++)
        {
            var value = values[column];
            var fraction = !double.IsFinite(value) ? 0 : max > min ? (value - min) / (max - min) : 0.5;
            var filled = 1 + (int)Math.Round(fraction * (levels - 1));
            for (var r = 0; r < rows; r++)
            {
                // Row r counts from the bottom; the array holds the top row first.
                var cell = Math.Clamp(filled - (r * Blocks.Length), 0, Blocks.Length);
                lines[rows - 1 - r][column] = cell == 0 ? ' ' : Blocks[cell - 1];
            }
        }

        return [.. lines.Select(l => new string(l))];
    }
}
