using Microsoft.Extensions.Logging;
using Terminal.Gui.Input;

namespace RnnTui.Ui;

internal sealed partial class MainWindow
{
    /// <summary>
    /// Every key comes here before any view sees it: an open window takes them all, otherwise the main screen's keys
    /// run their command. Keys are marked handled so Esc and Tab do not reach Terminal.Gui's own bindings
    /// (quit, focus moves).
    /// </summary>
    private void OnKeyDown(object? sender, Key key)
    {
        if (!_ui.IsRunning || key.Handled)
        {
            return;
        }

        try
        {
            key.Handled = HandleKey(key);
        }
        catch (Exception e)
        {
            _log.LogError(e, "key {Key} failed", key);
            key.Handled = true;
        }

        if (key.Handled)
        {
            Render();
        }
    }

    private bool HandleKey(Key key)
    {
        if (key == Key.C.WithCtrl)
        {
            foreach (var open in _overlays.Where(o => o.IsOpen))
            {
                open.Close();
            }

            AskQuit();
            return true;
        }

        if (_overlays.FirstOrDefault(o => o.IsOpen) is { } overlay)
        {
            overlay.HandleKey(key);
            return true;
        }

        if (key == Key.Tab)
        {
            _playground.Start();
            return true;
        }

        if (key == Key.Esc)
        {
            return true;
        }

        if (key == Key.CursorUp || key == Key.CursorDown || key == Key.PageUp || key == Key.PageDown || key == Key.Home)
        {
            var page = Math.Max(1, _samples.View.Viewport.Height - 1);
            _samples.View.Top = key == Key.Home ? 0 : _samples.View.Top + (key == Key.CursorUp ? -1 : key == Key.CursorDown ? 1 : key == Key.PageUp ? -page : page);
            return true;
        }

        if (key.IsCtrl || key.IsAlt)
        {
            return false;
        }

        switch (key.GetPrintableText())
        {
            case " ":
            case "p":
                TogglePause();
                return true;
            case "s":
                SampleNow();
                return true;
            case "+":
            case "=":
                ChangeTemperature(+1);
                return true;
            case "-":
            case "_":
                ChangeTemperature(-1);
                return true;
            case "t":
                AskPrime();
                return true;
            case "b":
                SampleBest();
                return true;
            case "g":
                RunGradientCheck();
                return true;
            case "y":
                _playground.Start();
                return true;
            case "w":
                SaveNow();
                return true;
            case "r":
                _confirm.Ask("Reset", $"Stop run {_session.Run.Folder.Name} (its folder keeps its final checkpoint) and start a new run in a new folder from fresh parameters?", Reset);
                return true;
            case "?":
                _help.Open();
                return true;
            case "q":
                AskQuit();
                return true;
            default:
                return false;
        }
    }
}
