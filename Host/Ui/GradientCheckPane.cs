using System.Globalization;
using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>The gradient check's tables (parameters used; mean, max and min relative error per parameter) and its verdict.</summary>
internal sealed class GradientCheckPane : FrameView
{
    private readonly LinesView _lines = new();
    private readonly int _hidden;
    private readonly string _parameters;

    /// <param name="hidden">The checked network's m.</param>
    /// <param name="parameters">What is checked, e.g. <c>U, W, V, b, c</c> or <c>the 14 lstm parameters</c>.</param>
    public GradientCheckPane(int hidden, string parameters)
    {
        _hidden = hidden;
        _parameters = parameters;
        Title = "Gradient check";
        CanFocus = false;
        Add(_lines);
        ShowIdle();
    }

    public GradientCheckReport? Report { get; private set; }

    public void ShowIdle()
    {
        Report = null;
        _lines.SetLines(
        [
            new Line("not run yet", Tone.Dim),
            "",
            $"g: compare analytic and numerical",
            $"gradients of {_parameters}",
            $"on a copy of this run at m = {_hidden}",
        ]);
    }

    public void ShowRunning() =>
        _lines.SetLines([new Line($"checking at m = {_hidden}…", Tone.Accent)]);

    public void ShowError(string message) =>
        _lines.SetLines([new Line("gradient check failed:", Tone.Bad), .. LinesView.Wrap(SafeText.Escape(message, keepNewlines: false), Math.Max(10, _lines.Viewport.Width)).Select(l => new Line(l))]);

    public void Show(GradientCheckReport report)
    {
        Report = report;
        _lines.SetLines(Build(report));
    }

    /// <summary>The vanilla RNN's five parameters, whose table and verdict fit the pane as the report has them.</summary>
    private const int VanillaRows = 5;

    internal static List<Line> Build(GradientCheckReport report)
    {
        var r = report.Result;
        var inv = CultureInfo.InvariantCulture;
        var elements = r.Errors.Sum(e => e.Checked);
        var lines = new List<Line>
        {
            $"K {report.K}  m {report.M}  seq_length {report.SeqLength}  sig {Format.Number(report.Sigma)}",
            $"h {r.Step.ToString("0e+0", inv)}  seed {report.Seed}  loss {Format.Loss(r.Loss)}  {Format.Count(elements)} el.",
            new Line($"{"param",-6}{"mean",-10}{"max",-10}{"min",-9}", Tone.Heading),
        };
        var verdict = new Line(
            $"{(r.Passed ? "PASS" : "FAIL")} max {Format.Error(r.Worst.Max)} ({r.Worst.Name}) {(r.Passed ? "<=" : ">")} {Format.Error(r.Threshold)}",
            r.Passed ? Tone.Good : Tone.Bad);
        if (r.Errors.Count > VanillaRows)
        {
            // A gated model's table runs past the pane: its verdict goes above it, where it is seen without scrolling.
            lines.Insert(2, verdict);
        }

        foreach (var e in r.Errors)
        {
            var style = e.Max <= r.Threshold ? Tone.Normal : Tone.Bad;
            lines.Add(new Line($"{e.Name,-6}{Format.Error(e.Mean),-10}{Format.Error(e.Max),-10}{Format.Error(e.Min),-9}", style));
        }

        if (r.Errors.Count <= VanillaRows)
        {
            lines.Add(verdict);
        }

        if (report.ElementType != "f64")
        {
            // Why it fails goes where it is seen with the verdict, at 80x24 as at 100x30; the step, seed and loss move
            // below the table.
            lines.Add(lines[1]);
            lines[1] = new Line($"{report.ElementType} backend: needs float64 to pass", Tone.Heading);
        }

        return lines;
    }
}
