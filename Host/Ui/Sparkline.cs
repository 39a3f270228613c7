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
    public static string[] Render(ReadOnlySpan<double> values, int rows) => Render(values, rows, Range(values));

    /// <summary>The sparkline's rows scaled to a range given (shared with another series drawn over it).</summary>
    public static string[] Render(ReadOnlySpan<double> values, int rows, (double Min, double Max) range)
    {
        rows = Math.Max(1, rows);
        var lines = new char[rows][];
        for (var r = 0; r < rows; r++)
        {
            lines[r] = new char[values.Length];
        }

        for (var column = 0; column < values.Length; column++)
        {
            var filled = Level(values[column], rows, range);
            for (var r = 0; r < rows; r++)
            {
                // Row r counts from the bottom; the array holds the top row first.
                var cell = Math.Clamp(filled - (r * Blocks.Length), 0, Blocks.Length);
                lines[rows - 1 - r][column] = cell == 0 ? ' ' : Blocks[cell - 1];
            }
        }

        return [.. lines.Select(l => new string(l))];
    }

    /// <summary>
    /// Draws a second series over rendered rows as <paramref name="mark"/> in the cell its value reaches on the same
    /// scale (a NaN value leaves its column alone), for a series with fewer points than the first (the validation loss).
    /// </summary>
    public static string[] Mark(string[] lines, ReadOnlySpan<double> values, (double Min, double Max) range, char mark)
    {
        var rows = lines.Length;
        var cells = lines.Select(l => l.ToCharArray()).ToArray();
        for (var column = 0; column < values.Length && rows > 0; column++)
        {
            if (!double.IsFinite(values[column]) || column >= cells[0].Length)
            {
                continue;
            }

            var row = (Level(values[column], rows, range) - 1) / Blocks.Length;
            cells[rows - 1 - row][column] = mark;
        }

        return [.. cells.Select(c => new string(c))];
    }

    /// <summary>The smallest and largest finite values (infinities when there are none).</summary>
    public static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
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

        return (min, max);
    }

    /// <summary>How many of the column's eighths a value fills, from 1 (the minimum) to eight per row.</summary>
    private static int Level(double value, int rows, (double Min, double Max) range)
    {
        var (min, max) = range;
        var fraction = !double.IsFinite(value) ? 0 : max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0.5;
        return 1 + (int)Math.Round(fraction * ((rows * Blocks.Length) - 1));
    }
}
