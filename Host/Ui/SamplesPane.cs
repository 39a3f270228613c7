using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The texts synthesized during the run, newest first, each headed by its update step and smooth loss. Newlines
/// break lines; every other control character is shown as a visible symbol (<see cref="SafeText"/>).
/// </summary>
internal sealed class SamplesPane : FrameView
{
    private const int MaxSamples = 40;
    private const string HeadingSeparator = " · ";
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

    /// <summary>Re-wraps the samples when they or the width changed; not before the pane has been laid out.</summary>
    public void Update()
    {
        // Before its first layout the pane has no width: wrapping then would put one character on each line, and the
        // first frame would show them so. The layout calls this again once the width is known.
        var width = _lines.Viewport.Width;
        if (width <= 0 || (!_dirty && width == _width))
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
            lines.AddRange(WordWrap.Fields(HeadingFields(sample), HeadingSeparator, width).Select(l => new Line(l, Tone.Heading)));
            lines.AddRange(LinesView.Wrap(SafeText.Escape(sample.Text), width).Select(l => new Line(l)));
        }

        _lines.SetLines(lines);
    }

    /// <summary>Once the pane has its size (and whenever it changes), the samples are wrapped to it before the frame is drawn.</summary>
    protected override void OnSubViewsLaidOut(LayoutEventArgs args)
    {
        base.OnSubViewsLaidOut(args);
        Update();
    }

    /// <summary>The heading's fields, a narrow pane breaking the heading between them: step, smooth loss, and where the sample came from.</summary>
    private static IEnumerable<string> HeadingFields(TrainingSample sample)
    {
        yield return $"▸ step {Format.Count(sample.Step)}";
        yield return sample.Step == 0 ? "before training" : $"smooth {Format.Loss(sample.SmoothLoss)}";
        if (sample.Step != 0 && sample.Origin != "interval")
        {
            yield return SafeText.Escape(sample.Origin, keepNewlines: false);
        }
    }
}
