namespace RnnTui.Training;

/// <summary>Commands from other threads, run on the training thread between two updates or while paused.</summary>
internal sealed partial class Trainer
{
    /// <summary>Asks the training thread to run a command between two updates (or while paused) and returns its result.</summary>
    public Task<T> Invoke<T>(Func<Trainer, T> command)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Enqueue(() =>
        {
            try
            {
                completion.SetResult(command(this));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        _signal.Release();
        if (_exited)
        {
            DrainCommands();
        }

        return completion.Task;
    }

    public bool IsPaused => _paused;

    public void Pause() => SetPaused(true);

    public void Resume() => SetPaused(false);

    /// <summary>Asks the loop to return after the current update.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _signal.Release();
    }

    private void SetPaused(bool paused)
    {
        _paused = paused;
        _signal.Release();
    }

    private void WaitForCommand(CancellationToken cancellationToken)
    {
        try
        {
            _signal.Wait(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        if (_status == TrainerStatus.Running && _paused)
        {
            Publish(force: true);
        }
        else if (_status == TrainerStatus.Paused && !_paused)
        {
            Publish(force: true);
        }

        if (!_commands.IsEmpty)
        {
            DrainCommands();
        }
    }

    private void DrainCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            command();
        }
    }
}
