namespace RnnTui.Training;

/// <summary>What the trainer is doing.</summary>
internal enum TrainerStatus
{
    Running,
    Paused,
    Finished,
    Diverged,
    Faulted,
    Stopped,
}

/// <summary>The state of training at one moment, published by the trainer for displays to read without waiting.</summary>
/// <param name="Step">Updates done.</param>
/// <param name="Epoch">The current pass over the text, from 1.</param>
/// <param name="EpochProgress">How far through the epoch, 0 to 1.</param>
/// <param name="Loss">The loss of the last sequence.</param>
/// <param name="SmoothLoss">The smoothed loss.</param>
/// <param name="BestSmoothLoss">The lowest smoothed loss so far.</param>
/// <param name="BestStep">The update step where it was reached.</param>
/// <param name="StepsPerSecond">Recent training speed.</param>
/// <param name="Elapsed">Time spent training (pauses excluded).</param>
/// <param name="Status">Running, paused, finished...</param>
/// <param name="Message">Why training stopped or paused, when it did so by itself.</param>
/// <param name="Validation">The validation loss where it stands (none without a validation split).</param>
internal sealed record TrainingSnapshot(
    long Step,
    long Epoch,
    double EpochProgress,
    double Loss,
    double SmoothLoss,
    double BestSmoothLoss,
    long BestStep,
    double StepsPerSecond,
    TimeSpan Elapsed,
    TrainerStatus Status,
    string? Message = null,
    ValidationResult Validation = default)
{
    /// <summary>
    /// How long the updates left until <paramref name="updateLimit"/> take at the current speed; null without a limit
    /// ahead or a speed measured.
    /// </summary>
    public TimeSpan? TimeLeft(long updateLimit) =>
        updateLimit > Step && StepsPerSecond > 0 && double.IsFinite(StepsPerSecond)
            ? TimeSpan.FromSeconds(Math.Min((updateLimit - Step) / StepsPerSecond, TimeSpan.FromDays(9999).TotalSeconds))
            : null;
}

/// <summary>A synthesized text with the moment it was drawn and how.</summary>
/// <param name="Step">The update step.</param>
/// <param name="SmoothLoss">The smoothed loss at that step.</param>
/// <param name="Text">The characters drawn, after the priming text when there is one.</param>
/// <param name="Origin">What produced it, e.g. <c>interval</c>, <c>on demand</c>, <c>best parameters</c>.</param>
/// <param name="Options">The temperature, top-k and top-p it was drawn with; null when not known (an older log).</param>
/// <param name="Prime">The priming text it starts with, or empty.</param>
/// <param name="From">Where it started: the training state, h = 0 or a priming text; null when not known (an older log).</param>
internal sealed record TrainingSample(long Step, double SmoothLoss, string Text, string Origin, SamplingOptions? Options = null, string Prime = "", SampleFrom? From = null);
