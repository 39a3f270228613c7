using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Input;

namespace RnnTui.Ui;

/// <summary>
/// Type a text and see the model's five likeliest next characters after every key, from the current parameters fed
/// the text from h = 0 (<see cref="Trainer.PredictAsync"/>). Tab accepts the likeliest, Enter lets
/// the model continue 200 characters, Esc closes.
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

    public PlaygroundOverlay(UiSession session, UiThread ui)
        : base("Playground")
    {
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

    public override void HandleKey(Key key)
    {
        if (key == Key.Esc)
        {
            Close();
            return;
        }

        if (key == Key.Tab)
        {
            if (PredictedFor == _text && Predictions.Count > 0)
            {
                Type(_text + Predictions[0].Character);
            }
        }
        else if (key == Key.Enter)
        {
            Continue();
        }
        else if (key == Key.Backspace)
        {
            if (_text.Length > 0)
            {
                Type(_text[..^1]);
            }
        }
        else if (TryTyped(key, out var c))
        {
            Type(_text + c);
        }
    }

    public override void Refresh()
    {
        Title = $"Playground · T {KeyHints.Temperature(_session.Temperature)} · tab accept · enter continue · esc close";
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
            _session.ContinueAsync(prefix, ContinuationLength, temperature, $"playground, T {KeyHints.Temperature(temperature)}"),
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
