using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>
/// Type a text and see the model's five likeliest next characters after every key, from the current parameters fed
/// the text from h = 0 (<see cref="Trainer.PredictAsync"/>); its keys are in <see cref="Keys"/>.
/// </summary>
internal sealed class PlaygroundOverlay : Overlay
{
    public const int ContinuationLength = 200;
    private const string Eighths = "▏▎▍▌▋▊▉█";
    private readonly UiSession _session;
    private readonly UiThread _ui;
    private string _text = "";
    private string? _message;
    private string? _continuation;
    private int _request;

    public PlaygroundOverlay(IApplication app, UiSession session, UiThread ui)
        : base(app, "Playground")
    {
        Height = Dim.Percent(80);
        _session = session;
        _ui = ui;
    }

    /// <summary>The text typed so far.</summary>
    public string Typed => _text;

    /// <summary>The five likeliest next characters for <see cref="Typed"/>, once computed (empty while pending or when it has unknown characters).</summary>
    public IReadOnlyList<Prediction> Predictions { get; private set; } = [];

    /// <summary>Which text <see cref="Predictions"/> belong to.</summary>
    public string? PredictedFor { get; private set; }

    public void Start()
    {
        _text = "";
        _continuation = null;
        Open();
        Predict();
    }

    /// <summary>The command the last key in the playground ran.</summary>
    internal KeyCommand<PlaygroundOverlay>? LastCommand { get; private set; }

    /// <summary>Every key the playground takes: it does what this table says, the help window lists it, and the title shows those with a word.</summary>
    internal static KeyTable<PlaygroundOverlay> Keys { get; } = new(
    [
        new("type", "extend the text; predictions follow every key", (p, c) => p.Type(p._text + c)),
        new("tab", "accept the likeliest character", p => p.AcceptLikeliest(), Key.Tab) { Short = _ => "accept" },
        new("enter", "let the model continue 200 characters", p => p.Continue(), Key.Enter) { Short = _ => "continue" },
        new("backspace", "delete the last character", p => p.DeleteLast(), Key.Backspace),
        new("esc", "close the playground", p => p.Close(), Key.Esc) { Short = _ => "close" },
    ]);

    /// <summary>Every key is the playground's while it is open; none reaches Terminal.Gui's bindings (Tab would move the focus).</summary>
    protected override bool OnKeyDown(Key key)
    {
        LastCommand = Keys.Run(this, key) ?? LastCommand;
        return true;
    }

    public override void Refresh()
    {
        var state = new KeyState(_session.Temperature, Paused: false);
        Title = string.Join(" · ", [$"Playground · T {TemperatureText.Of(state.Temperature)}", .. Keys.Hints(state).Select(h => $"{h.Keys} {h.Short}")]);
        var width = TextWidth;
        var lines = new List<Line>
        {
            new("> " + TextInput.Shown(_text, width - 2), Tone.Accent),
        };
        lines.AddRange(_message is null ? [Line.Blank] : LinesView.Wrap(_message, width).Select(l => new Line(l, Tone.Bad)));
        lines.Add(new Line("next character", Tone.Heading));
        var barWidth = Math.Max(8, width - 18);
        if (PredictedFor == _text)
        {
            foreach (var p in Predictions)
            {
                lines.Add($" {Shown(p.Character),-7}{Bar(p.Probability, barWidth)} {Format.Percent(p.Probability),6}");
            }
        }
        else if (_message is null)
        {
            lines.Add(new Line(" …", Tone.Dim));
        }

        if (_continuation is not null)
        {
            lines.Add("");
            lines.Add(new Line($"the model continues ({ContinuationLength} characters):", Tone.Heading));
            lines.AddRange(LinesView.Wrap(SafeText.Escape(_continuation), width).Select(l => new Line(l)));
        }

        Lines.SetLines(lines);
    }

    /// <summary>A character as the list shows it: quoted, with space, newline and controls made visible.</summary>
    internal static string Shown(char c) => c switch
    {
        ' ' => "space",
        '\n' => "␤ (nl)",
        _ => $"'{SafeText.Visible(c, keepNewlines: false)}'",
    };

    /// <summary>A horizontal bar of <paramref name="fraction"/> of <paramref name="width"/> cells, in eighths.</summary>
    internal static string Bar(double fraction, int width)
    {
        var eighths = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width * 8);
        var bar = new string('█', eighths / 8) + (eighths % 8 > 0 ? Eighths[(eighths % 8) - 1].ToString() : "");
        return bar.PadRight(width);
    }

    private void AcceptLikeliest()
    {
        if (PredictedFor == _text && Predictions.Count > 0)
        {
            Type(_text + Predictions[0].Character);
        }
    }

    private void DeleteLast()
    {
        if (_text.Length > 0)
        {
            Type(_text[..^1]);
        }
    }

    private void Type(string text)
    {
        _text = text;
        Predict();
    }

    private void Predict()
    {
        var text = _text;
        var request = ++_request;
        var vocabulary = _session.Run.Description.Corpus.Vocabulary;
        _message = TextInput.UnknownMessage(text, vocabulary);
        if (_message is not null)
        {
            Refresh();
            return;
        }

        Refresh();
        _ui.When(
            _session.Trainer.PredictAsync(text, _session.Temperature),
            probabilities =>
            {
                if (request == _request)
                {
                    (Predictions, PredictedFor) = (Prediction.Top(probabilities, vocabulary.Characters, 5), text);
                    Refresh();
                }
            },
            e =>
            {
                _message = $"prediction failed: {e.Message}";
                Refresh();
            });
    }

    private void Continue()
    {
        if (TextInput.UnknownMessage(_text, _session.Run.Description.Corpus.Vocabulary) is not null)
        {
            return;
        }

        var prefix = _text;
        var temperature = _session.Temperature;
        _continuation = "…";
        Refresh();
        _ui.When(
            _session.ContinueAsync(prefix, ContinuationLength, temperature, $"playground, T {TemperatureText.Of(temperature)}"),
            sample =>
            {
                _continuation = sample.Text[prefix.Length..];
                Refresh();
            },
            e =>
            {
                _continuation = null;
                _message = $"sampling failed: {e.Message}";
                Refresh();
            });
    }
}
