using RnnTui.Training;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// Asks for a priming text in a Terminal.Gui <see cref="TextField"/> (typing, the cursor keys, Backspace and paste
/// are its own); Enter hands the text over when the model knows every character, Esc cancels.
/// </summary>
internal sealed class PromptOverlay : Overlay
{
    private readonly Func<Vocabulary> _vocabulary;
    private readonly TextField _field = new() { X = 2, Y = 0, Width = Dim.Fill() };
    private Action<string>? _onEnter;

    public PromptOverlay(IApplication app, Func<Vocabulary> vocabulary)
        : base(app, "Priming text · Enter samples · Esc cancels")
    {
        _vocabulary = vocabulary;
        Height = 8;
        Lines.Y = 2;
        Add(new Label { Text = ">", X = 0, Y = 0 }, _field);
        _field.TextChanged += (_, _) => Refresh();
    }

    public void Ask(Action<string> onEnter)
    {
        _onEnter = onEnter;
        _field.Text = "";
        Open();
        _field.SetFocus();
    }

    public override void Refresh()
    {
        var text = _field.Text;
        var message = text.Length == 0 ? "type the text the sample starts from" : TextInput.UnknownMessage(text, _vocabulary());
        var tone = message is null || text.Length == 0 ? Tone.Dim : Tone.Bad;
        Lines.SetLines([.. LinesView.Wrap(message ?? "Enter: sample from this text", TextWidth).Select(l => new Line(l, tone))]);
    }

    /// <summary>Enter in the field: the text goes on only when the model can read all of it; otherwise the window stays, saying why.</summary>
    protected override bool OnAccepting(CommandEventArgs args)
    {
        var text = _field.Text;
        if (text.Length > 0 && TextInput.UnknownMessage(text, _vocabulary()) is null)
        {
            var onEnter = _onEnter;
            Close();
            onEnter?.Invoke(text);
        }

        return true;
    }
}
