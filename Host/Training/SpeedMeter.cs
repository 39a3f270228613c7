using System.Diagnostics;

namespace RnnTui.Training;

/// <summary>Recent training speed: updates per second over windows of at least half a second (or up to a forced reading).</summary>
internal sealed class SpeedMeter
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private long _step;
    private long _ticks;

    public double StepsPerSecond { get; private set; }

    /// <summary>
    /// Takes a reading at <paramref name="step"/> once an update has been made since the last; while paused, only moves
    /// the window's start. A window without an update (a final validation pass and save, an update slower than the
    /// window) keeps the last reading rather than showing 0/s.
    /// </summary>
    public void Read(long step, bool paused, bool force)
    {
        var now = Stopwatch.GetTimestamp();
        var since = Stopwatch.GetElapsedTime(_ticks, now);
        if (_ticks == 0 || paused)
        {
            (_step, _ticks) = (step, now);
        }
        else if (step > _step && (since >= Window || (force && since > TimeSpan.Zero)))
        {
            StepsPerSecond = (step - _step) / since.TotalSeconds;
            (_step, _ticks) = (step, now);
        }
    }

    /// <summary>
    /// Starts the window again at <paramref name="step"/>, keeping the last reading: for time that was not training
    /// (a validation pass), which would otherwise count as a slow stretch of it.
    /// </summary>
    public void Restart(long step) => (_step, _ticks) = (step, Stopwatch.GetTimestamp());
}
