using System.Globalization;
using ScottPlot;

namespace RnnTui.Reporting;

/// <summary>The report's picture 1: the smooth loss by update step, as a PNG drawn by ScottPlot (no display needed).</summary>
internal static class LossPlot
{
    public const int Width = 900;
    public const int Height = 500;

    /// <summary>
    /// Renders the curve, with the lowest smooth loss marked (the lowest point when not given), and the validation loss
    /// as a second line when there is one, to PNG bytes.
    /// </summary>
    public static byte[] Render(IReadOnlyList<(long Step, double SmoothLoss)> points, string title, (long Step, double SmoothLoss)? lowest = null, IReadOnlyList<(long Step, double Loss)>? validation = null) =>
        Create(points, title, lowest, validation).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>
    /// The plot: the curve, the lowest point marked, the validation loss (per sequence, like the smooth loss) as a
    /// second line when given, the update-step axis from 0 (the run's start) to the last point.
    /// </summary>
    public static Plot Create(IReadOnlyList<(long Step, double SmoothLoss)> points, string title, (long Step, double SmoothLoss)? lowest, IReadOnlyList<(long Step, double Loss)>? validation = null)
    {
        var plot = new Plot();
        var xs = points.Select(p => (double)p.Step).ToArray();
        var ys = points.Select(p => p.SmoothLoss).ToArray();
        var curve = plot.Add.ScatterLine(xs, ys);
        curve.LineWidth = 2;
        curve.LegendText = "smooth loss";
        if (validation is { Count: > 0 })
        {
            var held = plot.Add.ScatterLine(validation.Select(p => (double)p.Step).ToArray(), validation.Select(p => p.Loss).ToArray());
            held.LineWidth = 2;
            held.LinePattern = LinePattern.Dashed;
            held.LegendText = "validation loss";
        }

        lowest ??= points.Count > 0 ? points.MinBy(p => p.SmoothLoss) : null;
        if (lowest is { } low)
        {
            var marker = plot.Add.Marker(low.Step, low.SmoothLoss, MarkerShape.FilledCircle, 8, Colors.Red);
            marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"lowest: {low.SmoothLoss:0.000} at update step {low.Step:N0}");
        }

        Style(plot, title);
        return plot;
    }

    /// <summary>
    /// The look every loss picture shares: title, axis labels, update steps with thousands separators, the legend at
    /// the upper right, and the step axis from 0 (the run's start; the metrics start at the first progress interval).
    /// </summary>
    public static void Style(Plot plot, string title)
    {
        plot.Title(title);
        plot.XLabel("update step");
        plot.YLabel("smooth loss");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = value => value.ToString("N0", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(0, Math.Max(limits.Right, 1));
    }
}
