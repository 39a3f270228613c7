namespace RnnTui.Settings;

/// <summary>How training runs and reports.</summary>
[SettingsSection("Training", "how long training runs and what it reports")]
internal sealed record TrainingSettings
{
    /// <summary>The losses <see cref="BestBy"/> takes.</summary>
    public const string ByTraining = "training", ByValidation = "validation";

    [Setting("clamp every gradient element to [-C, C]", Minimum = 0, MinimumIsExclusive = true, Option = "clip", ValueName = "C")]
    public double Clip { get; init; } = 5;

    [Setting("stop after N updates (0: no limit); if neither Steps nor Epochs is set, the UI has no limit and headless training stops at 100000", Minimum = 0, Option = "steps", ValueName = "N", Clears = nameof(Epochs))]
    public long Steps { get; init; } = 100_000;

    [Setting("stop after N passes over the text (0: no limit); with --batch B, a pass is the text's sequences read across all B streams", Minimum = 0, Option = "epochs", ValueName = "N", Clears = nameof(Steps))]
    public long Epochs { get; init; }

    [Setting("train B sequences at once, each update reading the next sequence of B streams spread evenly over the text; the gradient is the mean over the batch, so learning rates keep their meaning", Minimum = 1, Maximum = 4096, Option = "batch", ValueName = "B")]
    public int Batch { get; init; } = 1;

    [Setting("threads that compute a batch's sequences (0: one per core); results depend on the number, never on timing", Minimum = 0, Maximum = 1024, Option = "threads", ValueName = "N")]
    public int Threads { get; init; }

    /// <summary>The threads a batch is computed on: <see cref="Threads"/> (0: the cores available), at most one per sequence.</summary>
    public int ThreadsFor(int batch) => Math.Max(1, Math.Min(Threads > 0 ? Threads : Environment.ProcessorCount, batch));

    [Setting("report progress every N updates", Minimum = 1, Maximum = int.MaxValue, Option = "progress-interval", ValueName = "N")]
    public int ProgressInterval { get; init; } = 1000;

    [Setting("synthesize a sample every N updates", Minimum = 1, Maximum = int.MaxValue, Option = "sample-interval", ValueName = "N")]
    public int SampleInterval { get; init; } = 10_000;

    [Setting("characters per sample", Minimum = 1, Maximum = 1_000_000, Option = "sample-length", ValueName = "N")]
    public int SampleLength { get; init; } = 200;

    [Setting("characters of the passage from the best parameters at the end", Minimum = 0, Maximum = 1_000_000)]
    public int FinalSampleLength { get; init; } = 1000;

    [Setting("sampling temperature", Minimum = 0, MinimumIsExclusive = true, Maximum = 100, Option = "temperature", ValueName = "T", Scope = OptionScope.Training | OptionScope.Sample)]
    public double Temperature { get; init; } = 1;

    [Setting("hold out the last F of the text for a validation loss (0: none)", Minimum = 0, Maximum = 0.5, MaximumIsExclusive = true, Option = "validation", ValueName = "F")]
    public double Validation { get; init; }

    [Setting("compute the validation loss every N updates", Minimum = 1, Maximum = int.MaxValue, Option = "validation-interval", ValueName = "N")]
    public int ValidationInterval { get; init; } = 1000;

    [Setting("characters of the held-out text the validation loss reads, from its start (0: all of it)", Minimum = 0, Maximum = int.MaxValue, Option = "validation-length", ValueName = "N")]
    public int ValidationLength { get; init; } = 50_000;

    [Setting("the loss that picks the best parameters: training (the smooth loss) or validation", Option = "best-by", ValueName = "LOSS", Choices = [ByTraining, ByValidation])]
    public string BestBy { get; init; } = ByTraining;
}
