using System.Globalization;
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

    private void SampleNow()
    {
        var length = _session.Settings.Training.SampleLength;
        var temperature = _session.Temperature;
        var origin = $"on demand, T {KeyHints.Temperature(temperature)}";
        Report(_session.Trainer.Invoke(t =>
        {
            _session.AddSample(t, t.SampleCurrent(length, new SamplingOptions(temperature), origin));
            return true;
        }));
    }

    private void ChangeTemperature(int direction)
    {
        var next = Math.Round(Math.Clamp(_session.Temperature + (direction * TemperatureStep), MinTemperature, MaxTemperature), 2);
        _session.SetTemperature(next);
        _log.Info($"temperature {next.ToString(CultureInfo.InvariantCulture)}");
    }

    private void AskPrime() => _prompt.Ask(prime =>
    {
        var trainer = _session.Trainer;
        var codes = trainer.Run.Corpus.Vocabulary.Encode(prime);
        var length = _session.Settings.Training.SampleLength;
        var temperature = _session.Temperature;
        var origin = $"primed \"{prime}\", T {KeyHints.Temperature(temperature)}";
        Report(trainer.Invoke(t =>
        {
            var text = prime + t.Sampler.Continue(t.Parameters, codes, length, new SamplingOptions(temperature), t.SampleRandom);
            _session.AddSample(t, new TrainingSample(t.Step, t.SmoothLoss, text, origin));
            return true;
        }));
    });

    private void SampleBest()
    {
        var trainer = _session.Trainer;
        var generation = _session.Generation;
        const string title = "Best parameters";
        if (trainer.Latest.BestStep == 0)
        {
            _text.Show(title, "no update yet: the best parameters come with the first update", "");
            return;
        }

        _text.Show(title, $"generating {BestSampleLength} characters…", "");
        var options = new SamplingOptions(_session.Temperature);
        _ui.When(
            trainer.Invoke(t =>
            {
                var sample = t.SampleBest(BestSampleLength, options);
                _session.KeepSample(t, sample);
                return sample;
            }),
            sample =>
            {
                if (generation == _session.Generation && _text.IsOpen)
                {
                    var heading = $"{BestSampleLength} characters from step {Format.Count(sample.Step)}, smooth loss {Format.Loss(sample.SmoothLoss)}, T {KeyHints.Temperature(options.Temperature)}";
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
        var run = _session.Trainer.Run;
        var generation = _session.Generation;
        // The check builds its own small network, so it runs beside training, not on its thread.
        _ui.When(
            Task.Run(() => GradientCheckReport.Create(run)),
            report =>
            {
                _checking = false;
                _log.Info($"gradient check: {report.Verdict}");
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

    private void Reset()
    {
        _log.Info("reset requested");
        try
        {
            _session.Reset();
        }
        catch (Exception e)
        {
            _log.Error("reset failed", e);
            _text.Show("Reset failed", e.Message, "", Tone.Bad);
        }

        _checking = false;
    }

    /// <summary>Writes the latest checkpoint now; the run pane shows the step and time saved, or why it failed.</summary>
    private void SaveNow() => _ui.When(
        _session.SaveNowAsync(),
        path => _log.Info($"saved {path} on request"),
        _ => { });

    private void AskQuit()
    {
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
        _log.Info("quit requested");
        _session.Trainer.RequestStop();
        Detach();
        _app.RequestStop();
    }

    /// <summary>Logs a command that failed on the training thread; its result, if any, arrives another way.</summary>
    private void Report(Task<bool> task) => _ui.When(task, _ => { }, e => _log.Error("command failed", e));
}
