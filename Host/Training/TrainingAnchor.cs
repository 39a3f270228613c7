using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>
/// A recent copy of the trainer's state, kept so that a failed optimizer step can be undone exactly. An optimizer
/// that throws part-way through <c>Step</c> leaves the parameters and its own state half updated; training is
/// deterministic, so the state of the last completed update is rebuilt from this copy by a fresh optimizer (as a
/// resume would build it) and a replay of the few updates since. The copy is taken every
/// <see cref="Interval"/> updates into buffers allocated once, so it costs no allocation while training.
/// </summary>
internal sealed class TrainingAnchor(TrainingSetup setup, TrainingState state, UpdateStep update)
{
    /// <summary>Updates between two copies: the most a recovery replays.</summary>
    public const int Interval = 1000;

    private readonly double[] _parameters = new double[state.Parameters.Length];
    private readonly double[] _best = new double[state.Best.Length];
    private readonly double[] _hidden = new double[state.Hidden.Length];
    private readonly double[] _bestHidden = new double[state.Hidden.Length];
    private readonly StreamsState? _streams = state.Streams?.Capture(setup.Kernels.Count);
    private int _bestNext;
    private double[][] _optimizer = [];
    private long _step = -1;
    private double _loss;
    private double _smoothLoss;
    private double _bestSmoothLoss;
    private long _bestStep;
    private int _position;
    private long _epoch;

    /// <summary>Copies the state as it is now (between two updates).</summary>
    public void Take()
    {
        state.Parameters.CopyTo(_parameters, 0);
        state.Best.CopyTo(_best, 0);
        state.Hidden.CopyTo(_hidden, 0);
        state.BestHidden.CopyTo(_bestHidden, 0);
        _bestNext = state.BestNext;
        var buffers = setup.Optimizer.State;
        if (_optimizer.Length != buffers.Count || _optimizer.Zip(buffers).Any(p => p.First.Length != p.Second.Values.Length))
        {
            _optimizer = [.. buffers.Select(b => new double[b.Values.Length])];
        }

        for (var i = 0; i < buffers.Count; i++)
        {
            buffers[i].Values.CopyTo(_optimizer[i], 0);
        }

        (_step, _loss, _smoothLoss, _bestSmoothLoss, _bestStep) = (state.Step, state.Loss, state.SmoothLoss, state.BestSmoothLoss, state.BestStep);
        (_position, _epoch) = (state.Reader.Position, state.Reader.Epoch);
        if (_streams is not null)
        {
            state.Streams!.CopyTo(_streams);
        }
    }

    /// <summary>
    /// Puts the state back to the end of update <paramref name="lastCompleted"/>: a fresh optimizer with the copied
    /// state, the copied buffers, then the updates since the copy replayed. The sampling generator is left as it is,
    /// since updates never draw from it.
    /// </summary>
    /// <param name="lastCompleted">The update to rebuild the state of.</param>
    /// <param name="replayed">
    /// Called at the copy's step and after each replayed update, for what the loop does beside updates (making the
    /// parameters of a new lowest validation loss the best).
    /// </param>
    /// <returns>Null when the state was rebuilt; otherwise why it could not be.</returns>
    public string? Recover(long lastCompleted, Action? replayed = null)
    {
        if (_step < 0 || _step > lastCompleted)
        {
            return "no copy of an earlier state was kept";
        }

        try
        {
            var optimizer = PluginFactory.CreateOptimizer(setup.Description.Optimizer, state.Parameters.Length, setup.Description.Settings);
            var buffers = optimizer.State;
            if (buffers.Count != _optimizer.Length || buffers.Zip(_optimizer).Any(p => p.First.Values.Length != p.Second.Length))
            {
                return "a fresh optimizer's state does not have the shape of the one it replaces";
            }

            for (var i = 0; i < buffers.Count; i++)
            {
                _optimizer[i].CopyTo(buffers[i].Values, 0);
            }

            setup.ReplaceOptimizer(optimizer);
            _parameters.CopyTo(state.Parameters, 0);
            _best.CopyTo(state.Best, 0);
            _hidden.CopyTo(state.Hidden, 0);
            _bestHidden.CopyTo(state.BestHidden, 0);
            state.BestNext = _bestNext;
            (state.Step, state.Loss, state.SmoothLoss, state.BestSmoothLoss, state.BestStep) = (_step, _loss, _smoothLoss, _bestSmoothLoss, _bestStep);
            state.Reader.Seek(_position, _epoch);
            if (_streams is not null)
            {
                state.Streams!.Restore(_streams);
            }

            replayed?.Invoke();
            while (state.Step < lastCompleted)
            {
                if (update.Run() != UpdateOutcome.Updated)
                {
                    return $"replaying update {state.Step + 1} failed: {update.Message}";
                }

                replayed?.Invoke();
            }

            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }
}
