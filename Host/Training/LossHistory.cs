namespace RnnTui.Training;

/// <summary>
/// The smooth loss over a whole run in bounded memory: one point every <see cref="Stride"/> updates, the stride
/// doubling (and every other point dropped) whenever the points would exceed the capacity. Written by the trainer,
/// read by displays; both under a lock held only for a copy.
/// </summary>
internal sealed class LossHistory
{
    private readonly object _lock = new();
    private readonly List<(long Step, double Value)> _points;
    private readonly int _capacity;

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

    /// <summary>Records the value at a step; kept when the step falls on the stride.</summary>
    public void Add(long step, double value)
    {
        if (step % Stride != 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_points.Count == _capacity)
            {
                Stride *= 2;
                var kept = 0;
                for (var i = 0; i < _points.Count; i++)
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
        }
    }
}
