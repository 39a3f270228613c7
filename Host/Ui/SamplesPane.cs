using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The texts synthesized during the run, newest first, each headed by its update step and smooth loss. Newlines
/// break lines; every other control character is shown as a visible symbol (<see cref="SafeText"/>).
/// </summary>
internal sealed class SamplesPane : FrameView
{
    private const int MaxSamples = 40;
    private readonly LinesView _lines = new();
    private readonly List<TrainingSample> _samples = [];
    private int _width = -1;
    private bool _dirty;

    public SamplesPane()
    {
        Title = "Samples";
        CanFocus = false;
        Add(_lines);
    }

    public IReadOnlyList<TrainingSample> Samples => _samples;

    public LinesView View => _lines;

    public void Add(TrainingSample sample)
    {
        _samples.Insert(0, sample);
        if (_samples.Count > MaxSamples)
        {
            _samples.RemoveAt(_samples.Count - 1);
        }

        _dirty = true;
    }

    public void Clear()
    {
        _samples.Clear();
        _dirty = true;
    }

    /// <summary>Re-wraps the samples when they or the width changed.</summary>
    public void Update()
    {
        var width = Math.Max(1, _lines.Viewport.Width);
        if (!_dirty && width == _width)
        {
            return;
        }

        (_dirty, _width) = (false, width);
        var lines = new List<Line>();
        if (_samples.Count == 0)
        {
            lines.Add(new Line("no sample yet (s: sample now)", Tone.Dim));
        }

        foreach (var sample in _samples)
        {
            lines.AddRange(LinesView.Wrap(Heading(sample), width).Select(l => new Line(l, Tone.Heading)));
            lines.AddRange(LinesView.Wrap(SafeText.Escape(sample.Text), width).Select(l => new Line(l)));
        }

        _lines.SetLines(lines);
    }

    internal static string Heading(TrainingSample sample)
    {
        var loss = sample.Step == 0 ? "before training" : $"smooth {Format.Loss(sample.SmoothLoss)}";
        var origin = sample.Step == 0 || sample.Origin == "interval" ? "" : $" · {SafeText.Escape(sample.Origin, keepNewlines: false)}";
        return $"▸ step {Format.Count(sample.Step)} · {loss}{origin}";
    }
}
