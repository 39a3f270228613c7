using System.Diagnostics;

namespace RnnTui.Training;

/// <summary>The loop's steps: one update with its reports, a stop after a failed update, idling, and the snapshots it publishes.</summary>
internal sealed partial class Trainer
{
    /// <summary>One update with its reports: progress, samples, the event for observers; a failed one stops training.</summary>
    private void TrainOne()
    {
        var outcome = _update.Run();
        if (outcome != UpdateOutcome.Updated)
        {
            Stop(outcome);
            return;
        }

        History.Add(_state.Step, _state.SmoothLoss);
        if (_state.Step % TrainingAnchor.Interval == 0)
        {
            _anchor.Take();
        }

        var training = Description.Settings.Training;
        if (_validation is not null && _state.Step % training.ValidationInterval == 0 && !Validate())
        {
            return;
        }

        if (_state.Step % training.ProgressInterval == 0)
        {
            Progressed?.Invoke(Publish(force: true));
        }
        else if (Stopwatch.GetElapsedTime(_lastPublish) >= PublishInterval)
        {
            Publish(force: false);
        }

        if (_state.Step % training.SampleInterval == 0)
        {
            RaiseSample("interval");
        }

        Updated?.Invoke(new TrainerTick(this));
    }

    /// <summary>
    /// Computes the validation loss of the current parameters; with <c>--best-by validation</c> a new low makes them the
    /// best (a copy, once per validation interval at most). A failing backend stops training; returns false then.
    /// </summary>
    private bool Validate()
    {
        try
        {
            _state.Validation = _validation!.Evaluate(_state.Parameters, _state.Step, _state.Validation);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _status = TrainerStatus.Faulted;
            _message = $"{Description.KernelOwner} failed in Loss computing the validation loss after update step {_state.Step}: {Plugins.PluginFactory.Describe(e)}";
            Failed?.Invoke(Publish(force: true));
            return false;
        }

        ValidationHistory.Add(_state.Step, _state.Validation.Loss);
        KeepValidationBest();
        // The pass took time but trained nothing: the speed shown is the training's, from here on.
        _speed.Restart(_state.Step);
        return true;
    }

    /// <summary>With <c>--best-by validation</c>, makes the parameters the best when their validation loss is the lowest.</summary>
    private void KeepValidationBest()
    {
        if (_bestByValidation && _state.Validation.BestStep == _state.Step)
        {
            _state.Parameters.CopyTo(_state.Best, 0);
            _state.KeepBestStart();
        }
    }

    /// <summary>
    /// Stops training after an update that did not happen. The state is that of the last completed update: a
    /// diverged loss or a failing backend changed nothing, and after a failing optimizer step the state is rebuilt.
    /// </summary>
    private void Stop(UpdateOutcome outcome)
    {
        _status = outcome == UpdateOutcome.Diverged ? TrainerStatus.Diverged : TrainerStatus.Faulted;
        _message = _update.Message;
        if (outcome == UpdateOutcome.OptimizerFailed && _anchor.Recover(_state.Step - 1, KeepValidationBest) is { } reason)
        {
            StateIsSound = false;
            _message += $"; the run's state could not be rebuilt ({reason}), so it is not saved: its last checkpoint stands";
        }

        Failed?.Invoke(Publish(force: true));
    }

    /// <summary>Paused, finished or failed: waits for a request or a wake-up, without counting the time as training.</summary>
    private void Idle(CancellationToken cancellationToken)
    {
        _clock.Stop();
        _commands.Wait(cancellationToken);
        var shown = _status;
        if ((shown == TrainerStatus.Running && _paused) || (shown == TrainerStatus.Paused && !_paused))
        {
            Publish(force: true);
        }

        if (!_commands.IsEmpty)
        {
            _commands.Drain();
        }
    }

    private TrainingSnapshot Publish(bool force)
    {
        _speed.Read(_state.Step, _paused, force);
        if (_status is TrainerStatus.Running or TrainerStatus.Paused)
        {
            _status = _paused ? TrainerStatus.Paused : TrainerStatus.Running;
        }

        _lastPublish = Stopwatch.GetTimestamp();
        var snapshot = CreateSnapshot();
        Volatile.Write(ref _latest, snapshot);
        return snapshot;
    }

    private TrainingSnapshot CreateSnapshot() => new(
        _state.Step,
        _state.Epoch,
        _state.EpochProgress,
        _state.Loss,
        _state.SmoothLoss,
        _state.BestSmoothLoss,
        _state.BestStep,
        _speed.StepsPerSecond,
        Elapsed,
        _status,
        _message,
        _state.Validation);

    private T Owned<T>(T value)
    {
        EnsureOwner();
        return value;
    }

    /// <summary>Refuses to touch the run's state from a thread other than the one training.</summary>
    private void EnsureOwner()
    {
        if (_owner is { } owner && owner != Thread.CurrentThread)
        {
            throw new InvalidOperationException("the trainer's state belongs to its training thread; send it a request instead");
        }
    }
}
