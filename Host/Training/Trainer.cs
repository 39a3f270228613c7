using System.Collections.Concurrent;
using System.Diagnostics;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// Runs training on the thread that calls <see cref="Run"/>, which owns the parameters: every other thread reaches
/// them only through <see cref="Invoke{T}"/>, whose command runs on that thread between two updates. Progress is
/// published as an immutable <see cref="Latest"/> snapshot that displays read without waiting, and raised as events.
/// </summary>
internal sealed partial class Trainer
{
    private const double SmoothingFactor = 0.999;
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(50);

    private readonly TrainingRun _run;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Stopwatch _clock = new();
    private readonly double[] _gradients;
    private readonly double[] _hiddenBefore;
    private double[] _parameters;  // the current parameters, then _best and _spare: three buffers that trade places
    private double[] _best;
    private double[] _spare;
    private readonly Sampler _sampler;
    private readonly int[] _text;
    private TrainingSnapshot _latest;
    private long _lastPublish;
    private long _rateStep;
    private long _rateTicks;
    private double _rate;
    private volatile bool _paused;
    private volatile bool _stopRequested;
    private volatile bool _exited;
    private string? _message;
    private TimeSpan _elapsedBefore;
    private TrainerStatus _status = TrainerStatus.Running;

    /// <summary>A loss this far above an untrained network's, n ln K, is divergence even while it is still finite.</summary>
    private readonly double _explodedLoss;

    public Trainer(TrainingRun run)
    {
        _run = run;
        _text = run.Corpus.Text;
        Reader = new SequenceReader(_text, run.Settings.Model.SeqLength);
        _gradients = new double[run.Shape.ParameterCount];
        Hidden = new double[run.Shape.HiddenSize];
        _hiddenBefore = new double[run.Shape.HiddenSize];
        _parameters = run.Parameters;
        _best = (double[])run.Parameters.Clone();
        _spare = new double[run.Parameters.Length];
        _sampler = new Sampler(run.Kernel, run.Corpus.Vocabulary);
        SampleRandom = new Xoshiro256(unchecked((run.Settings.Model.Seed * 0x9E3779B97F4A7C15UL) + 0x5851F42D4C957F2DUL));
        _explodedLoss = 100 * run.Settings.Model.SeqLength * Math.Log(Math.Max(2, run.Shape.VocabularySize));
        _latest = CreateSnapshot();
    }

    /// <summary>Raised on the training thread every progress interval.</summary>
    public event Action<TrainingSnapshot>? Progressed;

    /// <summary>Raised on the training thread for every sample drawn at the sample interval, and before the first update.</summary>
    public event Action<TrainingSample>? Sampled;

    /// <summary>Raised on the training thread after every update, for work that must happen between updates (checkpoints).</summary>
    public event Action<Trainer>? Updated;

    /// <summary>Raised on the training thread when <see cref="RunLoop"/> leaves normally (limit, stop request, cancellation).</summary>
    public event Action<Trainer>? Stopping;

    /// <summary>The latest published state; safe to read from any thread.</summary>
    public TrainingSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>The smooth loss over the run, for plotting from any thread.</summary>
    public LossHistory History { get; } = new();

    public TrainingRun Run => _run;

    /// <summary>When true, <see cref="RunLoop"/> keeps serving commands after the step or epoch limit is reached.</summary>
    public bool KeepAlive { get; init; }

    // State below belongs to the training thread: touch it only from there (inside Invoke or events).

    /// <summary>The current parameters. The buffer changes from update to update: read this property each time.</summary>
    public double[] Parameters => _parameters;

    /// <summary>The parameters that reached the lowest smooth loss; like <see cref="Parameters"/>, read it each time.</summary>
    public double[] BestParameters => _best;

    public double[] Hidden { get; }

    public SequenceReader Reader { get; }

    public Xoshiro256 SampleRandom { get; }

    public long Step { get; private set; }

    public double Loss { get; private set; } = double.NaN;

    public double SmoothLoss { get; private set; } = double.NaN;

    public double BestSmoothLoss { get; private set; } = double.PositiveInfinity;

    public long BestStep { get; private set; }

    public Sampler Sampler => _sampler;

    /// <summary>Time spent training, including what a resumed run had spent before.</summary>
    public TimeSpan Elapsed => _clock.Elapsed + _elapsedBefore;

    /// <summary>Whether the step or epoch limit of the settings has been reached.</summary>
    public bool LimitReached
    {
        get
        {
            var training = _run.Settings.Training;
            return (training.Steps > 0 && Step >= training.Steps)
                || (training.Epochs > 0 && Reader.AtEpochEnd && Reader.Epoch >= training.Epochs);
        }
    }

    /// <summary>
    /// Trains until the limit of the settings, a stop request or cancellation; with <see cref="KeepAlive"/>, goes on
    /// serving commands after the limit until stopped. Runs on the calling thread, which owns the parameters until it returns.
    /// </summary>
    public void RunLoop(CancellationToken cancellationToken = default)
    {
        try
        {
            if (Step == 0)
            {
                Publish(force: true);
                RaiseSample("before the first update");
            }

            while (!_stopRequested && !cancellationToken.IsCancellationRequested)
            {
                if (!_commands.IsEmpty)
                {
                    DrainCommands();
                }

                if (LimitReached)
                {
                    if (_status != TrainerStatus.Finished)
                    {
                        // Kept alive after the limit, the run is no longer training: its elapsed time stops here.
                        _clock.Stop();
                        _status = TrainerStatus.Finished;
                        var snapshot = Publish(force: true);
                        if (Step % _run.Settings.Training.ProgressInterval != 0)
                        {
                            Progressed?.Invoke(snapshot);
                        }
                    }

                    if (!KeepAlive)
                    {
                        break;
                    }

                    WaitForCommand(cancellationToken);
                    continue;
                }

                if ((_status is TrainerStatus.Faulted or TrainerStatus.Diverged) && !KeepAlive)
                {
                    break;
                }

                if (_paused || _status is TrainerStatus.Diverged or TrainerStatus.Faulted)
                {
                    _clock.Stop();
                    WaitForCommand(cancellationToken);
                    continue;
                }

                _clock.Start();
                TrainOne();
                var training = _run.Settings.Training;
                if (Step % training.ProgressInterval == 0)
                {
                    Progressed?.Invoke(Publish(force: true));
                }
                else if (Stopwatch.GetElapsedTime(_lastPublish) >= PublishInterval)
                {
                    Publish(force: false);
                }

                if (Step % training.SampleInterval == 0)
                {
                    RaiseSample("interval");
                }

                if (_status != TrainerStatus.Diverged)
                {
                    Updated?.Invoke(this);
                }
            }

            _clock.Stop();
            Stopping?.Invoke(this);
        }
        finally
        {
            _clock.Stop();
            if (_status is TrainerStatus.Running or TrainerStatus.Paused)
            {
                _status = TrainerStatus.Stopped;
            }

            Publish(force: true);
            _exited = true;
            DrainCommands();
        }
    }

    /// <summary>
    /// Makes <paramref name="updates"/> updates on the calling thread with no events, snapshots or commands: the bare
    /// training loop, for benchmarks. Stops early if the loss diverges.
    /// </summary>
    public void Train(long updates)
    {
        for (var i = 0; i < updates && _status is TrainerStatus.Running or TrainerStatus.Paused; i++)
        {
            TrainOne();
        }
    }

    /// <summary>One update: forward and backward over the next sequence, clip, optimizer step, losses.</summary>
    private void TrainOne()
    {
        var position = Reader.Position;
        var epoch = Reader.Epoch;
        Hidden.CopyTo(_hiddenBefore, 0);
        if (Reader.Next(out var inputs, out var targets))
        {
            Array.Clear(Hidden);
        }

        double loss;
        try
        {
            loss = _run.Kernel.ForwardBackward(Parameters, inputs, targets, Hidden, _gradients);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fault($"backend {_run.Backend.Name} failed in ForwardBackward at update step {Step + 1}: {OneLine(e)}", position, epoch);
            return;
        }

        if (!double.IsFinite(loss) || loss > _explodedLoss)
        {
            _status = TrainerStatus.Diverged;
            var what = double.IsFinite(loss) ? $"loss exploded to {loss:0.###e+0} (over 100 times an untrained network's)" : $"loss is {loss}";
            Stall($"{what} at update step {Step + 1}; the last good parameters are kept; try a lower --eta or --clip", position, epoch);
            return;
        }

        Loss = loss;
        SmoothLoss = Step == 0 ? loss : (SmoothingFactor * SmoothLoss) + ((1 - SmoothingFactor) * loss);
        Step++;
        // A new lowest smooth loss was reached with the parameters before the update below.
        var improved = SmoothLoss < BestSmoothLoss;
        if (improved)
        {
            BestSmoothLoss = SmoothLoss;
            BestStep = Step;
        }

        try
        {
            Update(improved);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The parameters may be half updated: the best ones, saved before this update, are the ones to keep.
            Fault($"optimizer {_run.OptimizerPlugin.Name} failed in Step at update step {Step}: {OneLine(e)}", position, epoch);
            return;
        }

        History.Add(Step, SmoothLoss);
    }

    /// <summary>
    /// The optimizer's step, with the gradients clipped. When <paramref name="improved"/>, the parameters before it become
    /// the best: an <see cref="IClippingOptimizer"/> writes the updated ones into the spare buffer and the buffers trade
    /// places, so nothing is copied; any other optimizer gets a copy kept first.
    /// </summary>
    private void Update(bool improved)
    {
        var clip = _run.Settings.Training.Clip;
        if (_run.Optimizer is not IClippingOptimizer clipping)
        {
            if (improved)
            {
                _parameters.CopyTo(_best, 0);
            }

            GradientClipping.Clamp(_gradients, clip);
            _run.Optimizer.Step(_parameters, _gradients);
            return;
        }

        if (!improved)
        {
            clipping.Step(_parameters, _parameters, _gradients, clip);
            return;
        }

        try
        {
            clipping.Step(_parameters, _spare, _gradients, clip);
        }
        catch
        {
            _parameters.CopyTo(_best, 0);  // untouched by a step that wrote elsewhere: they are the best
            throw;
        }

        (_best, _parameters, _spare) = (_parameters, _spare, _best);
    }

    /// <summary>Stops training for good after a plugin failed; the run's state stays as it was before the update.</summary>
    private void Fault(string message, int position, long epoch)
    {
        _status = TrainerStatus.Faulted;
        Stall(message, position, epoch);
    }

    /// <summary>Restores the hidden state and the place in the text of before the failed update and reports why.</summary>
    private void Stall(string message, int position, long epoch)
    {
        _hiddenBefore.CopyTo(Hidden, 0);
        Reader.Seek(position, epoch);
        _message = message;
        Progressed?.Invoke(Publish(force: true));
    }

    private static string OneLine(Exception e) => $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";

    private TrainingSnapshot Publish(bool force)
    {
        var now = Stopwatch.GetTimestamp();
        var sinceRate = Stopwatch.GetElapsedTime(_rateTicks, now);
        if (_rateTicks == 0 || _paused)
        {
            (_rateStep, _rateTicks) = (Step, now);
        }
        else if (sinceRate >= TimeSpan.FromMilliseconds(500) || (force && Step > _rateStep && sinceRate > TimeSpan.Zero))
        {
            _rate = (Step - _rateStep) / sinceRate.TotalSeconds;
            (_rateStep, _rateTicks) = (Step, now);
        }

        if (_status is TrainerStatus.Running or TrainerStatus.Paused)
        {
            _status = _paused ? TrainerStatus.Paused : TrainerStatus.Running;
        }

        _lastPublish = now;
        var snapshot = CreateSnapshot();
        Volatile.Write(ref _latest, snapshot);
        return snapshot;
    }

    private TrainingSnapshot CreateSnapshot() => new(
        Step,
        Reader.Epoch,
        Reader.EpochProgress,
        Loss,
        SmoothLoss,
        BestSmoothLoss,
        BestStep,
        _rate,
        Elapsed,
        _status,
        _message);
}
