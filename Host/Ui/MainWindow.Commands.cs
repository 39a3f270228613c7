using System.Globalization;
using Microsoft.Extensions.Logging;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Ui;

internal sealed partial class MainWindow
{
    public const int BestSampleLength = 1000;
    private const double TemperatureStep = 0.1;
    private const double MinTemperature = 0.1;
    private const double MaxTemperature = 3.0;

    private void TogglePause()
    {
        var trainer = _session.Trainer;
        if (trainer.IsPaused)
        {
            trainer.Resume();
        }
        else
        {
            trainer.Pause();
        }
    }

    private void SampleNow() =>
        Report(_session.SampleNowAsync($"on demand, T {TemperatureText.Of(_session.Temperature)}"));

    private void ChangeTemperature(int direction)
    {
        var next = Math.Round(Math.Clamp(_session.Temperature + (direction * TemperatureStep), MinTemperature, MaxTemperature), 2);
        _session.SetTemperature(next);
        _log.LogInformation("temperature {Temperature}", next.ToString(CultureInfo.InvariantCulture));
    }

    private void AskPrime() => _prompt.Ask(prime =>
        Report(_session.PrimeAsync(prime, $"primed \"{prime}\", T {TemperatureText.Of(_session.Temperature)}")));

    private void SampleBest()
    {
        var generation = _session.Generation;
        const string title = "Best parameters";
        if (_session.Trainer.Latest.BestStep == 0)
        {
            _text.Show(title, "no update yet: the best parameters come with the first update", "");
            return;
        }

        _text.Show(title, $"generating {BestSampleLength} characters…", "");
        var temperature = _session.Temperature;
        _ui.When(
            _session.SampleBestAsync(BestSampleLength, temperature),
            sample =>
            {
                if (generation == _session.Generation && _text.IsOpen)
                {
                    var validation = _session.Trainer.Latest.Validation;
                    var loss = _session.Run.Description.Settings.Training.BestBy == Settings.TrainingSettings.ByValidation && validation.HasLoss
                        ? $"validation {Format.Loss(validation.BestLoss)}"
                        : $"smooth {Format.Loss(sample.SmoothLoss)}";
                    var heading = $"step {Format.Count(sample.Step)} · {loss} · T {TemperatureText.Of(temperature)} · {sample.From?.Phrase()}";
                    _text.Show(title, heading, sample.Text);
                }
            },
            e => _text.Show(title, $"sampling failed: {e.Message}", "", Tone.Bad));
    }

    private void RunGradientCheck()
    {
        if (_checking)
        {
            return;
        }

        _checking = true;
        _check.ShowRunning();
        var run = _session.Run.Description;
        var generation = _session.Generation;
        // The check builds its own small network, so it runs beside training, not on its thread.
        _ui.When(
            Task.Run(() => GradientCheckReport.Create(run)),
            report =>
            {
                _checking = false;
                _log.LogInformation("gradient check: {Verdict}", report.Verdict);
                if (generation == _session.Generation)
                {
                    _check.Show(report);
                }
            },
            e =>
            {
                _checking = false;
                _check.ShowError(e.Message);
            });
    }

    private void AskReset() => _confirm.Ask(
        "Reset",
        $"Stop run {_session.Run.Folder.Name} (its folder keeps its final checkpoint) and start a new run in a new folder from fresh parameters?",
        Reset);

    private void Reset()
    {
        _log.LogInformation("reset requested");
        try
        {
            _session.Reset();
        }
        catch (Exception e)
        {
            _log.LogError(e, "reset failed");
            _text.Show("Reset failed", e.Message, "", Tone.Bad);
        }

        _checking = false;
    }

    /// <summary>Writes the latest checkpoint now; the run pane shows the step and time saved, or why it failed.</summary>
    private void SaveNow() => _ui.When(
        _session.SaveNowAsync(),
        path => _log.LogInformation("saved {Path} on request", path),
        _ => { });

    /// <summary>Asks before quitting while training runs; from Ctrl+C a window may be open, and it closes first.</summary>
    private void AskQuit()
    {
        CloseWindows();
        var status = _session.Trainer.Latest.Status;
        if (status is TrainerStatus.Running or TrainerStatus.Paused && _session.Fault is null)
        {
            _confirm.Ask("Quit", "Stop training and quit rnntui? A final checkpoint is saved.", Quit);
        }
        else
        {
            Quit();
        }
    }

    private void Quit()
    {
        _log.LogInformation("quit requested");
        _session.Trainer.RequestStop();
        Detach();
        _app.RequestStop(this);
    }

    /// <summary>Logs a request that failed on the training thread; its result, if any, arrives another way.</summary>
    private void Report<T>(Task<T> task) => _ui.When(task, _ => { }, _ => { });
}
