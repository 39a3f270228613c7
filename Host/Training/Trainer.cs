using System.Diagnostics;

namespace RnnTui.Training;

/// <summary>
/// Trains on the thread that calls <see cref="RunLoop"/>, which owns every buffer of the run while it does: other
/// threads send requests (<see cref="SampleAsync"/>, <see cref="PredictAsync"/>, <see cref="CaptureAsync"/>,
/// <see cref="Pause"/>...) that the loop answers between two updates, and read the immutable <see cref="Latest"/>
/// snapshot. Observers on the training thread get events, with a <see cref="TrainerTick"/> for what they may ask then.
/// </summary>
internal sealed partial class Trainer : IDisposable
{
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(50);

    private readonly TrainingSetup _setup;
    private readonly TrainingState _state;
    private readonly UpdateStep _update;
    private readonly StateCheckpoints _checkpoints;
    private readonly TrainingAnchor _anchor;
    private readonly CommandQueue _commands = new();
    private readonly SpeedMeter _speed = new();
    private readonly Stopwatch _clock = new();
    private readonly Sampler _sampler;
    private readonly ValidationLoss? _validation;
    private readonly bool _bestByValidation;
    private TrainingSnapshot _latest;
    private long _lastPublish;
    private volatile bool _paused;
    private volatile bool _stopRequested;
    private Thread? _owner;
    private string? _message;
    private bool _stateIsSound = true;
    private TrainerStatus _status = TrainerStatus.Running;

    /// <summary>A trainer for the parts of a setup, which it takes over (disposing of it with itself).</summary>
    public Trainer(TrainingSetup setup)
    {
        _setup = setup;
        _state = new TrainingState(setup);
        _update = new UpdateStep(setup, _state);
        _checkpoints = new StateCheckpoints(setup, _state);
        _anchor = new TrainingAnchor(setup, _state, _update);
        _sampler = new Sampler(setup.Kernel, setup.Description.Corpus.Vocabulary);
        var training = setup.Description.Settings.Training;
        _sampleTemperature = training.Temperature;
        if (setup.Description.Corpus.HeldOut.Length > 0)
        {
            var shape = setup.Description.Shape;
            _validation = new ValidationLoss(setup.Kernel, setup.Description.Corpus.HeldOut, training.ValidationLength, setup.Description.Settings.Model.SeqLength, shape.StateSize);
            _bestByValidation = training.BestBy == Settings.TrainingSettings.ByValidation;
        }

        _latest = CreateSnapshot();
    }

    /// <summary>Raised on the training thread every progress interval.</summary>
    public event Action<TrainingSnapshot>? Progressed;

    /// <summary>Raised on the training thread for every sample drawn at the sample interval, and before the first update.</summary>
    public event Action<TrainingSample>? Sampled;

    /// <summary>Raised on the training thread after every update, for work that must happen between updates (checkpoints).</summary>
    public event Action<TrainerTick>? Updated;

    /// <summary>Raised once on the training thread when training stops by itself: the loss diverged or a plugin failed.</summary>
    public event Action<TrainingSnapshot>? Failed;

    /// <summary>Raised on the training thread when <see cref="RunLoop"/> leaves normally (limit, stop request, cancellation).</summary>
    public event Action<TrainerTick>? Stopping;

    /// <summary>What the run is made of; never changes.</summary>
    public RunDescription Description => _setup.Description;

    /// <summary>The latest published state; safe to read from any thread.</summary>
    public TrainingSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>The smooth loss over the run, for plotting from any thread.</summary>
    public LossHistory History { get; } = new();

    /// <summary>The validation loss over the run (one point per evaluation; none without a validation split), for plotting from any thread.</summary>
    public LossHistory ValidationHistory { get; } = new();

    /// <summary>When true, <see cref="RunLoop"/> keeps serving requests after the step or epoch limit is reached.</summary>
    public bool KeepAlive { get; init; }

    /// <summary>Whether the step or epoch limit of the settings has been reached. On the training thread, or before or after the loop.</summary>
    public bool LimitReached
    {
        get
        {
            EnsureOwner();
            var training = Description.Settings.Training;
            return (training.Steps > 0 && _state.Step >= training.Steps)
                || (training.Epochs > 0 && _state.EpochsDone(training.Epochs));
        }
    }

    /// <summary>Updates done. On the training thread, or before or after the loop (elsewhere read <see cref="Latest"/>).</summary>
    public long Step => Owned(_state.Step);

    /// <summary>The loss of the last sequence. On the training thread, or before or after the loop.</summary>
    public double Loss => Owned(_state.Loss);

    /// <summary>The smooth loss. On the training thread, or before or after the loop.</summary>
    public double SmoothLoss => Owned(_state.SmoothLoss);

    /// <summary>The lowest smooth loss so far. On the training thread, or before or after the loop.</summary>
    public double BestSmoothLoss => Owned(_state.BestSmoothLoss);

    /// <summary>The update step of the lowest smooth loss. On the training thread, or before or after the loop.</summary>
    public long BestStep => Owned(_state.BestStep);

    /// <summary>The validation loss where it stands. On the training thread, or before or after the loop.</summary>
    public ValidationResult Validation => Owned(_state.Validation);

    /// <summary>The update step of the best parameters: that of the lowest smooth loss, or with <c>--best-by validation</c> of the lowest validation loss.</summary>
    public long BestParametersStep => Owned(_bestByValidation ? _state.Validation.BestStep : _state.BestStep);

    /// <summary>
    /// False after a failed optimizer step whose half-updated state could not be rebuilt: then nothing of it may be
    /// saved. On the training thread, or before or after the loop.
    /// </summary>
    public bool StateIsSound
    {
        get => Owned(_stateIsSound);
        private set => _stateIsSound = value;
    }

    /// <summary>Time spent training, including what a resumed run had spent before.</summary>
    private TimeSpan Elapsed => _clock.Elapsed + _state.ElapsedBefore;

    /// <summary>
    /// Trains until the limit of the settings, a stop request or cancellation; with <see cref="KeepAlive"/>, goes on
    /// serving requests after the limit until stopped. The calling thread owns the run's buffers until it returns.
    /// </summary>
    public void RunLoop(CancellationToken cancellationToken = default)
    {
        _owner = Thread.CurrentThread;
        try
        {
            // Requests made before the loop started (the UI's temperature) apply from the first sample on.
            _commands.Drain();
            _anchor.Take();
            if (_state.Step == 0)
            {
                Publish(force: true);
                RaiseSample("before the first update");
            }

            while (!_stopRequested && !cancellationToken.IsCancellationRequested)
            {
                if (!_commands.IsEmpty)
                {
                    _commands.Drain();
                }

                if (LimitReached)
                {
                    if (_status != TrainerStatus.Finished)
                    {
                        // Kept alive after the limit, the run is no longer training: its elapsed time stops here.
                        _clock.Stop();
                        _status = TrainerStatus.Finished;
                        var snapshot = Publish(force: true);
                        if (_state.Step % Description.Settings.Training.ProgressInterval != 0)
                        {
                            Progressed?.Invoke(snapshot);
                        }
                    }

                    if (!KeepAlive)
                    {
                        break;
                    }

                    Idle(cancellationToken);
                    continue;
                }

                if (_status is TrainerStatus.Faulted or TrainerStatus.Diverged)
                {
                    if (!KeepAlive)
                    {
                        break;
                    }

                    Idle(cancellationToken);
                    continue;
                }

                if (_paused)
                {
                    Idle(cancellationToken);
                    continue;
                }

                _clock.Start();
                TrainOne();
            }

            _clock.Stop();
            Stopping?.Invoke(new TrainerTick(this));
        }
        finally
        {
            _clock.Stop();
            if (_status is TrainerStatus.Running or TrainerStatus.Paused)
            {
                _status = TrainerStatus.Stopped;
            }

            Publish(force: true);
            _owner = null;
            _commands.Close();
        }
    }

    /// <summary>
    /// Makes <paramref name="updates"/> updates on the calling thread with no events, snapshots or requests: the bare
    /// training loop, for benchmarks. Stops early if the loss diverges.
    /// </summary>
    public void Train(long updates)
    {
        EnsureOwner();
        for (var i = 0; i < updates && _status is TrainerStatus.Running or TrainerStatus.Paused; i++)
        {
            if (_update.Run() == UpdateOutcome.Updated)
            {
                History.Add(_state.Step, _state.SmoothLoss);
            }
            else
            {
                _status = TrainerStatus.Diverged;
            }
        }
    }

    public void Dispose()
    {
        _update.Dispose();
        _setup.Dispose();
    }
}
