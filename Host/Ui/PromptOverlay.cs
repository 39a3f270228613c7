using RnnTui.Training;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Asks for a priming text; Enter hands it over when the model knows every character, Esc cancels.</summary>
internal sealed class PromptOverlay : Overlay
{
    private readonly Func<Vocabulary> _vocabulary;
    private string _text = "";
    private Action<string>? _onEnter;

    public PromptOverlay(Func<Vocabulary> vocabulary)
        : base("Priming text · Enter samples · Esc cancels")
    {
        _vocabulary = vocabulary;
        Height = 8;
    }

    public void Ask(Action<string> onEnter)
    {
        _text = "";
        _onEnter = onEnter;
        Open();
    }

    public override void HandleKey(Key key)
    {
        if (key == Key.Esc)
        {
            Close();
        }
        else if (key == Key.Enter)
        {
            if (_text.Length > 0 && TextInput.UnknownMessage(_text, _vocabulary()) is null)
            {
                Close();
                _onEnter?.Invoke(_text);
            }
        }
        else if (key == Key.Backspace)
        {
            _text = _text.Length > 0 ? _text[..^1] : _text;
        }
        else if (TryTyped(key, out var c))
        {
            _text += c;
        }

        Refresh();
    }

    public override void Refresh()
    {
        var message = _text.Length == 0 ? "type the text the sample starts from" : TextInput.UnknownMessage(_text, _vocabulary());
        var tone = message is null || _text.Length == 0 ? Tone.Dim : Tone.Bad;
        Lines.SetLines(
        [
            new Line("> " + TextInput.Shown(_text, TextWidth - 2), Tone.Accent),
            "",
            .. LinesView.Wrap(message ?? "Enter: sample from this text", TextWidth).Select(l => new Line(l, tone)),
        ]);
    }
}
