using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// Asks a yes-or-no question with Terminal.Gui's own dialog buttons: y or Enter (Yes has the focus) says yes, n or
/// Esc says no; Tab or the arrows move between the buttons and Space presses the focused one.
/// </summary>
internal sealed class ConfirmOverlay : Overlay
{
    private const int MaxLines = 4;
    private readonly Button _yes = new() { Title = "_Yes" };
    private string _question = "";
    private Action? _onYes;

    public ConfirmOverlay(IApplication app)
        : base(app, "Confirm")
    {
        Width = Dim.Percent(60);
        Lines.Height = 1;
        AddButton(new Button { Title = "_No" });

        // The last button is the dialog's default: Enter says yes, as it did before the buttons.
        AddButton(_yes);
    }

    public void Ask(string title, string question, Action onYes)
    {
        Title = title;
        _question = question;
        _onYes = onYes;
        Open();
        _yes.SetFocus();
    }

    /// <summary>The question, wrapped between words to up to four lines.</summary>
    public override void Refresh()
    {
        var lines = WordWrap.Lines(_question, TextWidth).Take(MaxLines).Select(l => new Line(l)).ToList();
        Lines.Height = lines.Count;
        Lines.SetLines(lines);
    }

    protected override void OnClosed()
    {
        // Esc, n, Ctrl+C or any close without Yes leaves Result null or No: nothing happens.
        var onYes = _onYes;
        _onYes = null;
        if (!Canceled)
        {
            onYes?.Invoke();
        }
    }
}
