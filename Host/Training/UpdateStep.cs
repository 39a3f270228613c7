using System.Numerics.Tensors;
using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>How an update ended.</summary>
internal enum UpdateOutcome
{
    /// <summary>The parameters were updated and the losses recorded.</summary>
    Updated,

    /// <summary>The loss was not finite or exploded; nothing was changed.</summary>
    Diverged,

    /// <summary>The backend threw before anything changed; training must stop.</summary>
    Faulted,

    /// <summary>
    /// The optimizer threw: the update was counted and the parameters and the optimizer's state may be half updated,
    /// so the state must be rebuilt (<see cref="TrainingAnchor"/>) before training stops.
    /// </summary>
    OptimizerFailed,
}

/// <summary>
/// One update of the exact algorithm on a trainer's state: forward and backward over the next sequence, the loss
/// checked for divergence, the gradients clipped and the optimizer's step, the losses recorded. With a batch of B, the
/// next sequence of every stream: the gradient is the mean of their gradients and the loss recorded the mean of their
/// losses (a loss per sequence, as with batch 1), so learning rates and smooth losses keep their meaning.
/// </summary>
internal sealed class UpdateStep(TrainingSetup setup, TrainingState state) : IDisposable
{
    private readonly BatchGradient? _batch = state.Streams is { } streams ? new BatchGradient(setup.Kernels, streams.Count, state.Gradients.Length) : null;

    /// <summary>A loss this far above an untrained network's, n ln K, is divergence even while it is still finite.</summary>
    private readonly double _explodedLoss = 100 * setup.Description.Settings.Model.SeqLength * Math.Log(Math.Max(2, setup.Description.Shape.VocabularySize));

    private readonly double _clip = setup.Description.Settings.Training.Clip;

    /// <summary>
    /// With a batch on several threads and an optimizer that steps ranges, the threads add up the gradient and step it.
    /// Read at every update, not kept: a failed step's rebuild replaces the optimizer (<see cref="TrainingSetup.ReplaceOptimizer"/>).
    /// </summary>
    private IRangeOptimizer? RangeStep => _batch is { Threads: > 1 } ? setup.Optimizer as IRangeOptimizer : null;

    /// <summary>With <c>--best-by validation</c> the validation loss picks the best parameters, not the smooth loss.</summary>
    private readonly bool _bestBySmoothLoss = setup.Description.Settings.Training.BestBy != Settings.TrainingSettings.ByValidation;

    /// <summary>Why the last update did not happen, when it did not.</summary>
    public string? Message { get; private set; }

    public UpdateOutcome Run()
    {
        var reader = state.Reader;
        var position = reader.Position;
        var epoch = reader.Epoch;
        state.Hidden.CopyTo(state.HiddenBefore, 0);
        double loss;
        try
        {
            BeginUpdate();
            loss = _batch is null ? ForwardBackward(reader) : ForwardBackwardBatch(state.Streams!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Stall(UpdateOutcome.Faulted, $"{setup.Description.KernelOwner} failed in ForwardBackward at update step {state.Step + 1}: {PluginFactory.Describe(e)}", position, epoch);
        }

        if (!double.IsFinite(loss) || loss > _explodedLoss)
        {
            var what = double.IsFinite(loss) ? $"loss exploded to {loss:0.###e+0} (over 100 times an untrained network's)" : $"loss is {loss}";
            return Stall(UpdateOutcome.Diverged, $"{what} at update step {state.Step + 1}; the last good parameters are kept; try a lower --eta or --clip", position, epoch);
        }

        var improved = state.Record(loss);
        if (improved && _bestBySmoothLoss)
        {
            // The hidden state after the sequence was computed with the parameters about to become the best.
            state.KeepBestStart();
        }

        try
        {
            Update(improved && _bestBySmoothLoss);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Stall(UpdateOutcome.OptimizerFailed, $"optimizer {setup.Description.Optimizer.Name} failed in Step at update step {state.Step}: {PluginFactory.Describe(e)}", position, epoch);
        }

        return UpdateOutcome.Updated;
    }

    /// <summary>
    /// Gives each thread's kernel that drops units out the seed of this update: a mix of the run's seed, the update's
    /// number and the thread's, so that the masks are the same in a resumed run and in a step retried after a failure.
    /// </summary>
    private void BeginUpdate()
    {
        var kernels = setup.Kernels;
        for (var thread = 0; thread < kernels.Count; thread++)
        {
            if (kernels[thread] is IDropoutKernel dropout)
            {
                dropout.BeginUpdate(DropoutSeed(setup.Description.Settings.Model.Seed, state.Step + 1, thread));
            }
        }
    }

    /// <summary>SplitMix64's finaliser over the seed, the update and the thread: distinct inputs give unrelated seeds.</summary>
    internal static ulong DropoutSeed(ulong seed, long update, int thread)
    {
        var z = seed + (0x9E3779B97F4A7C15UL * (ulong)update) + (0xD1B54A32D192ED03UL * (ulong)(thread + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next sequence's loss, its gradients into the state's.</summary>
    private double ForwardBackward(SequenceReader reader)
    {
        if (reader.Next(out var inputs, out var targets))
        {
            Array.Clear(state.Hidden);
        }

        return setup.Kernel.ForwardBackward(state.Parameters, inputs, targets, state.Hidden, state.Gradients);
    }

    /// <summary>
    /// The mean loss of the streams' next sequences, the mean of their gradients into the state's (unless the threads
    /// will add them up as they step, <see cref="RangeStep"/>).
    /// </summary>
    private double ForwardBackwardBatch(BatchStreams streams)
    {
        streams.ReadNext();
        var loss = _batch!.Compute(state.Parameters, streams, state.Gradients);
        state.ShowFirstStream();
        if (RangeStep is null)
        {
            _batch.AddGradients();
            TensorPrimitives.Divide(state.Gradients, streams.Count, state.Gradients);
        }

        return loss / streams.Count;
    }

    public void Dispose() => _batch?.Dispose();

    /// <summary>
    /// The optimizer's step, with the gradients clipped. When <paramref name="improved"/>, the parameters before it become
    /// the best: an <see cref="IClippingOptimizer"/> writes the updated ones into the spare buffer and the buffers trade
    /// places, so nothing is copied; any other optimizer gets a copy kept first.
    /// </summary>
    private void Update(bool improved)
    {
        if (setup.Schedule is { } schedule)
        {
            ((ILearningRateOptimizer)setup.Optimizer).LearningRate = setup.LearningRate * schedule.Factor(state.Step - 1);
        }

        if (RangeStep is { } ranges)
        {
            ranges.BeginStep();
            var updated = improved ? state.Spare : state.Parameters;
            _batch!.Step(ranges, state.Parameters, updated, state.Streams!.Count, _clip);
            if (improved)
            {
                (state.Best, state.Parameters, state.Spare) = (state.Parameters, state.Spare, state.Best);
            }

            return;
        }

        if (setup.Optimizer is not IClippingOptimizer clipping)
        {
            if (improved)
            {
                state.Parameters.CopyTo(state.Best, 0);
            }

            GradientClipping.Clamp(state.Gradients, _clip);
            setup.Optimizer.Step(state.Parameters, state.Gradients);
            return;
        }

        if (!improved)
        {
            clipping.Step(state.Parameters, state.Parameters, state.Gradients, _clip);
            return;
        }

        clipping.Step(state.Parameters, state.Spare, state.Gradients, _clip);
        (state.Best, state.Parameters, state.Spare) = (state.Parameters, state.Spare, state.Best);
    }

    /// <summary>Puts back the hidden state and the place in the text of before the failed update and says why.</summary>
    private UpdateOutcome Stall(UpdateOutcome outcome, string message, int position, long epoch)
    {
        state.Rewind(position, epoch);
        Message = message;
        return outcome;
    }
}
