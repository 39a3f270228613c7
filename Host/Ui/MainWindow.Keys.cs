using Microsoft.Extensions.Logging;
using Terminal.Gui.Input;

namespace RnnTui.Ui;

internal sealed partial class MainWindow
{
    /// <summary>
    /// Every key of the main screen, in the status line's order (the commands without a word are only in help).
    /// Dispatch, the status line and the help window all read this table: adding a key is adding a line.
    /// </summary>
    internal static KeyTable<MainWindow> Keys { get; } = new(
    [
        new("space/p", "pause or resume training", w => w.TogglePause(), Key.Space, 'p') { Short = s => s.Paused ? "resume" : "pause", Narrow = "␣/p" },
        new("s", "sample 200 characters now from the current parameters", w => w.SampleNow(), 's') { Short = _ => "sample" },
        new KeyCommand<MainWindow>("+/-", "raise or lower the sampling temperature", w => w.ChangeTemperature(+1), '+', '=') { Short = s => $"T {TemperatureText.Of(s.Temperature)}", Narrow = "+-" }
            .And(w => w.ChangeTemperature(-1), '-', '_'),
        new("t", "type a priming text and sample from it", w => w.AskPrime(), 't') { Short = _ => "prime" },
        new("b", "sample 1000 characters from the best parameters", w => w.SampleBest(), 'b') { Short = _ => "best" },
        new("g", "run the gradient check on a small (m = 5) copy of the run", w => w.RunGradientCheck(), 'g') { Short = _ => "check" },
        new("y/tab", "open the playground: next-character predictions as you type", w => w._playground.Start(), 'y', Key.Tab) { Short = _ => "play", Narrow = "y" },
        new("w", "save a checkpoint now (also saved periodically and on quit)", w => w.SaveNow(), 'w') { Short = _ => "save" },
        new("v", "plot the loss over the whole run or over its latest tenth", w => w._loss.ToggleView(), 'v') { Short = _ => "view", Optional = true },

        // Reset is rare and asks first, so at 80 columns it gives its place to the others; help lists it.
        new("r", "new run in a new folder (this one keeps its checkpoint)", w => w.AskReset(), 'r') { Short = _ => "reset", Optional = true },
        new("?", "show this help", w => w._help.Open(), '?') { Short = _ => "help" },

        // Ctrl+C asks too, from anywhere: it closes an open window first.
        new KeyCommand<MainWindow>("q", "save and quit (Ctrl+C too); asks first while training runs", w => w.AskQuit(), 'q') { Short = _ => "quit" }
            .Anywhere(Key.C.WithCtrl),
        new KeyCommand<MainWindow>("↑/↓ PgUp/PgDn", "scroll the samples pane (Home: newest)", w => w.ScrollSamples(-1), Key.CursorUp)
            .And(w => w.ScrollSamples(+1), Key.CursorDown)
            .And(w => w.ScrollSamples(-w.SamplesPage), Key.PageUp)
            .And(w => w.ScrollSamples(w.SamplesPage), Key.PageDown)
            .And(w => w.ShowNewestSamples(), Key.Home),

        // Each window closes on Esc itself; on the main screen Esc is taken so that Terminal.Gui's quit key does not quit.
        new("Esc", "close a window", _ => { }, Key.Esc),
    ]);

    /// <summary>The command the last key on the main screen ran (the log names it too).</summary>
    internal KeyCommand<MainWindow>? LastCommand { get; private set; }

    /// <summary>
    /// The main screen's keys. Terminal.Gui sends a key to the top session only, so while a window is open (a
    /// <see cref="Overlay"/> session) this is not called and the window takes the keys; the keys are taken here
    /// before Terminal.Gui's own bindings, so Esc and Tab do not quit or move the focus.
    /// </summary>
    protected override bool OnKeyDown(Key key) => _ui.IsRunning && Dispatch(key, anywhereOnly: false);

    /// <summary>Keys bound anywhere (Ctrl+C): the application raises this before any session sees the key.</summary>
    private void OnAnyKeyDown(object? sender, Key key)
    {
        if (_ui.IsRunning && !key.Handled && Dispatch(key, anywhereOnly: true))
        {
            key.Handled = true;
        }
    }

    private bool Dispatch(Key key, bool anywhereOnly)
    {
        try
        {
            var command = anywhereOnly ? Keys.RunAnywhere(this, key) : Keys.Run(this, key);
            if (command is null)
            {
                return false;
            }

            LastCommand = command;
            _log.LogDebug("key {Key}: {Command}", key, command.Keys);
        }
        catch (Exception e)
        {
            _log.LogError(e, "key {Key} failed", key);
        }

        Render();
        return true;
    }

    /// <summary>Closes the open windows, the top one first (a Terminal.Gui session can only end from the top).</summary>
    private void CloseWindows()
    {
        while (_app.TopRunnableView is Overlay { IsOpen: true } top)
        {
            top.Close();
        }
    }

    private int SamplesPage => Math.Max(1, _samples.View.Viewport.Height - 1);

    private void ScrollSamples(int lines) => _samples.View.Top += lines;

    private void ShowNewestSamples() => _samples.View.Top = 0;
}
