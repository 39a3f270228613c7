using ScottPlot;

namespace RnnTui.Reporting;

/// <summary>
/// Several runs' smooth-loss curves in one picture, one colour and legend entry per run, with each run's validation
/// loss as a dashed line of its colour when it has one, drawn by ScottPlot.
/// </summary>
internal static class ComparePlot
{
    /// <summary>One run's curve: its label (name and what tells it apart), its points and its validation points (maybe none).</summary>
    public sealed record Series(string Label, IReadOnlyList<(long Step, double SmoothLoss)> Points, IReadOnlyList<(long Step, double Loss)> Validation);

    /// <summary>Renders the curves to PNG bytes, the update-step axis from 0 to the longest run's last point.</summary>
    public static byte[] Render(IReadOnlyList<Series> series, string title)
    {
        var plot = new Plot();
        foreach (var run in series)
        {
            var curve = plot.Add.ScatterLine(run.Points.Select(p => (double)p.Step).ToArray(), run.Points.Select(p => p.SmoothLoss).ToArray());
            curve.LineWidth = 2;
            curve.LegendText = run.Label;
            if (run.Validation.Count > 0)
            {
                var validation = plot.Add.ScatterLine(run.Validation.Select(p => (double)p.Step).ToArray(), run.Validation.Select(p => p.Loss).ToArray());
                validation.LineWidth = 2;
                validation.Color = curve.Color;
                validation.LinePattern = LinePattern.Dashed;
                validation.LegendText = $"{run.Label} (validation)";
            }
        }

        LossPlot.Style(plot, title);
        return plot.GetImageBytes(LossPlot.Width, LossPlot.Height, ImageFormat.Png);
    }
}
