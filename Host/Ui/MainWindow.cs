using Microsoft.Extensions.Logging;
using RnnTui.Training;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace RnnTui.Ui;

/// <summary>
/// The interactive trainer's screen: loss, samples, gradient check and run panes, a status line with every key, and
/// windows opened over them as Terminal.Gui dialog sessions (help, playground, prompt, text, confirmation). It never
/// waits on training: a timer redraws about ten times a second from the trainer's latest snapshot, and commands go to
/// the training thread through <see cref="UiSession"/> as requests to the trainer, their results posted back through
/// <see cref="UiThread"/>. Its keys are declared once, in <see cref="Keys"/>.
/// </summary>
internal sealed partial class MainWindow : Window
{
    /// <summary>How often the panes are redrawn from the latest snapshot.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    private readonly IApplication _app;
    private readonly UiSession _session;
    private readonly UiThread _ui;
    private readonly ILogger _log;
    private readonly LossPane _loss = new();
    private readonly SamplesPane _samples = new();
    private readonly GradientCheckPane _check;
    private readonly RunPane _run = new();
    private readonly StatusLine _status = new();
    private readonly Label _tooSmall = new();
    private readonly HelpOverlay _help;
    private readonly ConfirmOverlay _confirm;
    private readonly TextOverlay _text;
    private readonly PromptOverlay _prompt;
    private readonly PlaygroundOverlay _playground;
    private readonly FaultOverlay _fault;
    private readonly Overlay[] _overlays;
    private object? _timer;
    private System.Drawing.Size _tooSmallFor;
    private int _generationShown = -1;
    private int _faultShown = -1;
    private bool _checking;
    private bool _noticeShown;

    public MainWindow(IApplication app, UiSession session, ILogger log, string? logPath)
    {
        _app = app;
        _session = session;
        _log = log;
        _ui = new UiThread(app, log);
        var shape = session.Run.Description.Shape;
        _check = new GradientCheckPane(
            session.Settings.GradientCheck.Hidden,
            shape.IsVanilla ? string.Join(", ", shape.Segments.Select(s => s.Name)) : $"the {shape.Segments.Count} {shape.Model} parameters");
        _help = new HelpOverlay(app, logPath, () => _session.Run.Folder.Path);
        _confirm = new ConfirmOverlay(app);
        _text = new TextOverlay(app);
        _prompt = new PromptOverlay(app, () => _session.Run.Description.Corpus.Vocabulary);
        _playground = new PlaygroundOverlay(app, session, _ui);
        _fault = new FaultOverlay(app, logPath);
        _overlays = [_help, _confirm, _text, _prompt, _playground, _fault];
        Title = "rnntui";
        BorderStyle = LineStyle.None;
        Arrange();
        app.Keyboard.KeyDown += OnAnyKeyDown;
        _timer = app.AddTimeout(FrameInterval, OnFrame);
        Render();
    }

    public LossPane LossPane => _loss;

    public SamplesPane SamplesPane => _samples;

    public GradientCheckPane GradientCheckPane => _check;

    public PlaygroundOverlay Playground => _playground;

    public TextOverlay TextWindow => _text;

    /// <summary>The window open over the panes, which has the keys, or null when the main screen has them.</summary>
    public Overlay? OpenWindow => _app.TopRunnableView as Overlay;

    /// <summary>Stops the timer and the key handler, closes the windows, and drops results that arrive later; call before the application is disposed.</summary>
    public void Detach()
    {
        _ui.Close();
        _app.Keyboard.KeyDown -= OnAnyKeyDown;
        if (_timer is not null)
        {
            _app.RemoveTimeout(_timer);
            _timer = null;
        }

        if (_app.Initialized)
        {
            CloseWindows();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Detach();

            // The windows are sessions of their own, not subviews, so they are not disposed with this one.
            foreach (var overlay in _overlays)
            {
                overlay.Dispose();
            }
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
            StopIfAsked();
            Render();
        }
        catch (Exception e)
        {
            _log.LogError(e, "drawing a frame failed");
        }

        return true;
    }

    /// <summary>
    /// The host stops the UI with the application's RequestStop (on SIGTERM or a hangup), which Terminal.Gui applies
    /// to the top session: when that is a window, only the window is asked to stop, and no loop of its own would
    /// notice. Close the windows and stop this one, as the host meant.
    /// </summary>
    private void StopIfAsked()
    {
        if (_app.TopRunnableView is Overlay { StopRequested: true })
        {
            _log.LogInformation("stop requested while a window was open");
            CloseWindows();
            _app.RequestStop(this);
        }
    }

    /// <summary>
    /// Opens the fault window once per run when its training stops on a fault, over whatever window is open; not
    /// before this window has a size, which it gets once it runs (a window begun before it would end up beneath it).
    /// </summary>
    private void ShowFault(TrainingSnapshot snapshot)
    {
        var fault = _session.Fault;
        if (_faultShown == _session.Generation || Viewport.Width <= 0 || LossPane.Reason(snapshot, fault) is not { } reason)
        {
            return;
        }

        _faultShown = _session.Generation;
        _fault.Show(reason, trainerAnswers: fault is null);
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
        }

        if (!_noticeShown && Viewport.Width > 0)
        {
            // Shown once the window has a size, so that the note is wrapped to the window's width.
            _noticeShown = true;
            if (_session.Run.Notice is { } notice)
            {
                _text.Show($"Resumed run {_session.Run.Folder.Name}", "Note", notice, Tone.Accent);
            }
        }

        var save = _session.Run.Save;
        _run.Show(_session.Run, save, _session.PreviousRun);

        while (_session.TryTakeSample(out var sample))
        {
            _samples.Add(sample);
        }

        _samples.Update();
        var snapshot = trainer.Latest;
        _loss.Update(snapshot, trainer.History, trainer.ValidationHistory, trainer.Description.UpdateLimit, _session.Fault);
        ShowFault(snapshot);
        var hints = Keys.Hints(new KeyState(_session.Temperature, trainer.IsPaused));
        if (save.Failure is not null)
        {
            _status.Set(hints, "SAVE FAILED", Tone.Bad);
        }
        else
        {
            _status.Set(hints, trainer.IsPaused ? "PAUSED" : "");
        }
    }
}
