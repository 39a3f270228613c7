using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace RnnTui.Ui;

/// <summary>Asks a yes-or-no question: y or Enter says yes, n or Esc says no.</summary>
internal sealed class ConfirmOverlay : Overlay
{
    private string _question = "";
    private Action? _onYes;

    public ConfirmOverlay()
        : base("Confirm")
    {
        Width = Dim.Percent(60);
        Height = 5;
    }

    public void Ask(string title, string question, Action onYes)
    {
        Title = title;
        _question = question;
        _onYes = onYes;
        Open();
    }

    public override void HandleKey(Key key)
    {
        if (key == Key.Enter || (TryTyped(key, out var c) && c is 'y' or 'Y'))
        {
            Close();
            _onYes?.Invoke();
        }
        else if (key == Key.Esc || (TryTyped(key, out c) && c is 'n' or 'N'))
        {
            Close();
        }
    }

    public override void Refresh() =>
        Lines.SetLines([_question, new Line("y / Enter: yes     n / Esc: no", Tone.Dim)]);
}
