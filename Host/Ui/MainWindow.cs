using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The interactive trainer's screen: loss, samples, gradient check and run panes, a status line with every key, and
/// windows opened over them (help, playground, prompt, text, confirmation). It never waits on training: a timer
/// redraws about ten times a second from the trainer's latest snapshot, and commands go to the training thread
/// through <see cref="Training.Trainer.Invoke{T}"/> with their results posted back through <see cref="UiThread"/>.
/// </summary>
internal sealed partial class MainWindow : Window
{
    /// <summary>How often the panes are redrawn from the latest snapshot.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    private readonly IApplication _app;
    private readonly TrainingSession _session;
    private readonly UiThread _ui;
    private readonly UiLog _log;
    private readonly LossPane _loss = new();
    private readonly SamplesPane _samples = new();
    private readonly GradientCheckPane _check;
    private readonly RunPane _run = new();
    private readonly StatusLine _status = new();
    private readonly Label _tooSmall = new();
    private readonly HelpOverlay _help;
    private readonly ConfirmOverlay _confirm = new();
    private readonly TextOverlay _text = new();
    private readonly PromptOverlay _prompt;
    private readonly PlaygroundOverlay _playground;
    private readonly Overlay[] _overlays;
    private object? _timer;
    private int _generationShown = -1;
    private bool _checking;

    public MainWindow(IApplication app, TrainingSession session, UiLog log)
    {
        _app = app;
        _session = session;
        _log = log;
        _ui = new UiThread(app, log);
        _check = new GradientCheckPane(session.Settings.GradientCheck.Hidden);
        _help = new HelpOverlay(() => KeyHints.ForMainScreen(_session.Temperature, _session.Trainer.IsPaused), log.Path);
        _prompt = new PromptOverlay(() => _session.Trainer.Run.Corpus.Vocabulary);
        _playground = new PlaygroundOverlay(session, _ui);
        _overlays = [_help, _confirm, _text, _prompt, _playground];
        Title = "rnntui";
        BorderStyle = LineStyle.None;
        Arrange();
        app.Keyboard.KeyDown += OnKeyDown;
        _timer = app.AddTimeout(FrameInterval, OnFrame);
        Render();
    }

    public LossPane LossPane => _loss;

    public SamplesPane SamplesPane => _samples;

    public GradientCheckPane GradientCheckPane => _check;

    public PlaygroundOverlay Playground => _playground;

    public TextOverlay TextWindow => _text;

    /// <summary>Stops the timer and the key handler, and drops results that arrive later; call before the application is disposed.</summary>
    public void Detach()
    {
        _ui.Close();
        _app.Keyboard.KeyDown -= OnKeyDown;
        if (_timer is not null)
        {
            _app.RemoveTimeout(_timer);
            _timer = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Detach();
        }

        base.Dispose(disposing);
    }

    private bool OnFrame()
    {
        if (!_ui.IsRunning)
        {
            _timer = null;
            return false;
        }

        try
        {
            Render();
        }
        catch (Exception e)
        {
            _log.Error("drawing a frame failed", e);
        }

        return true;
    }

    /// <summary>Brings every pane up to date with the trainer; cheap when nothing changed.</summary>
    internal void Render()
    {
        CheckSize();
        var trainer = _session.Trainer;
        if (_generationShown != _session.Generation)
        {
            _generationShown = _session.Generation;
            _samples.Clear();
            _check.ShowIdle();
            _run.Show(trainer.Run);
        }

        while (_session.TryTakeSample(out var sample))
        {
            _samples.Add(sample);
        }

        _samples.Update();
        var snapshot = trainer.Latest;
        _loss.Update(snapshot, trainer.History, _session.Fault);
        _status.Set(KeyHints.ForMainScreen(_session.Temperature, trainer.IsPaused), trainer.IsPaused ? "PAUSED" : "");
    }
}
