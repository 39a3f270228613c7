namespace RnnTui.Training;

/// <summary>
/// A loss over a whole run in bounded memory (the smooth loss, or the validation loss): the first point, then one
/// every <see cref="Stride"/> updates, the stride doubling (and every other point dropped) whenever the points would
/// exceed the capacity, so that ten million updates keep at most <c>capacity</c> points and the first still shows
/// where the run began. Written by the trainer, read by displays; both under a lock held only for a copy.
/// </summary>
internal sealed class LossHistory
{
    private readonly object _lock = new();
    private readonly List<(long Step, double Value)> _points;
    private readonly int _capacity;
    private volatile bool _hasFirst;

    public LossHistory(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
        _points = new List<(long, double)>(capacity);
    }

    /// <summary>Updates between two points kept.</summary>
    public long Stride { get; private set; } = 1;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _points.Count;
            }
        }
    }

    /// <summary>Records the value at a step; kept when it is the first or the step falls on the stride.</summary>
    public void Add(long step, double value)
    {
        if (step % Stride != 0 && _hasFirst)
        {
            return;
        }

        lock (_lock)
        {
            if (_points.Count == 0)
            {
                _points.Add((step, value));
                _hasFirst = true;
                return;
            }

            if (step % Stride != 0)
            {
                return;
            }

            if (_points.Count == _capacity)
            {
                Stride *= 2;
                var kept = 1;
                for (var i = 1; i < _points.Count; i++)
                {
                    if (_points[i].Step % Stride == 0)
                    {
                        _points[kept++] = _points[i];
                    }
                }

                _points.RemoveRange(kept, _points.Count - kept);
                if (step % Stride != 0)
                {
                    return;
                }
            }

            _points.Add((step, value));
        }
    }

    /// <summary>A copy of the points, oldest first.</summary>
    public (long Step, double Value)[] ToArray()
    {
        lock (_lock)
        {
            return [.. _points];
        }
    }

    /// <summary>Forgets every point.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _points.Clear();
            Stride = 1;
            _hasFirst = false;
        }
    }
}
