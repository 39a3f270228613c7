using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Commands;

/// <summary>The lines headless training prints. Model text is made safe when the output is a terminal.</summary>
internal sealed class HeadlessPrinter(CommandConsole console)
{
    private TextWriter Out => console.Out;

    public void Header(RunDescription run)
    {
        var model = run.Settings.Model;
        var training = run.Settings.Training;
        var limit = training.Steps > 0 ? $"{Format.Count(training.Steps)} updates"
            : training.Epochs > 0 ? $"{training.Epochs} epochs"
            : "until Ctrl+C";
        console.Line($"corpus {run.Corpus.Origin}: {Format.Count(run.Corpus.Text.Length)} characters, K = {run.Shape.VocabularySize}");
        console.Line($"model {run.ModelLabel}: m = {model.Hidden}, seq_length = {model.SeqLength}, {Initialisation(model)}, seed = {model.Seed}, clip = {Format.Number(training.Clip)}");
        console.Line($"optimizer {run.Optimizer.Label} ({run.OptimizerSettings}), backend {run.Backend.Label}; training {limit}");
        if (training.Batch > 1)
        {
            var perEpoch = (double)((run.Corpus.TrainingText.Length - 1) / model.SeqLength) / training.Batch;
            console.Line($"batch {training.Batch} sequences per update on {training.Threads} thread{(training.Threads == 1 ? "" : "s")}; an epoch is {Format.Count((long)Math.Ceiling(perEpoch))} updates");
        }
        if (run.Settings.Preset is { } preset)
        {
            console.Line($"preset {preset}");
        }

        if (run.Corpus.HeldOut.Length > 0)
        {
            var read = training.ValidationLength > 0 ? Math.Min(training.ValidationLength, run.Corpus.HeldOut.Length) : run.Corpus.HeldOut.Length;
            console.Line(
                $"validation: the last {Format.Count(run.Corpus.HeldOut.Length)} characters held out, training on the first {Format.Count(run.Corpus.TrainingText.Length)}; " +
                $"its loss over {Format.Count(read)} of them every {Format.Count(training.ValidationInterval)} updates; best parameters by {training.BestBy} loss");
        }

        Out.WriteLine();
    }

    /// <summary>How the header names the initialisation: <c>sig = 0.01</c> for the assignment's, else its name.</summary>
    internal static string Initialisation(Settings.ModelSettings model) =>
        model.Init == Settings.ModelSettings.Normal ? $"sig = {Format.Number(model.Sigma)}" : $"init = {model.Init}";

    public void RunFolder(ActiveRun run)
    {
        if (run.ResumedFrom is { } checkpoint)
        {
            console.Line($"resuming run {run.Folder.Name} at update step {Format.Count(checkpoint.Step)} (epoch {checkpoint.Epoch}, smooth loss {Format.Loss(checkpoint.SmoothLoss)})");
        }
        else
        {
            console.Line($"run {run.Folder.Name}: {run.Folder.Path}");
        }

        if (run.Notice is { } notice)
        {
            console.Line($"note: {notice}");
        }

        Out.WriteLine();
    }

    /// <summary>Where the checkpoint is and the command that continues from it (with a higher limit when the run is at its own).</summary>
    public void Saved(ActiveRun run)
    {
        if (run.Recorder.LastSavedStep >= 0)
        {
            Out.WriteLine();
            console.Line($"checkpoint at update step {Format.Count(run.Recorder.LastSavedStep)}: {run.Folder.LatestPath}");
            console.Line($"continue with: {ContinueCommand(run)}");
        }
    }

    /// <summary>
    /// The command that continues a run headless from its latest checkpoint: when that is at the run's limit, with
    /// twice the limit, since the run's own would be refused.
    /// </summary>
    internal static string ContinueCommand(ActiveRun run)
    {
        var command = $"rnntui train --headless --resume {run.Folder.Name}";
        var training = run.Description.Settings.Training;
        if (!run.Trainer.LimitReached || run.Recorder.LastSavedStep != run.Trainer.Step)
        {
            return command;
        }

        return training.Steps > 0 ? $"{command} --steps {2 * training.Steps}" : $"{command} --epochs {2 * training.Epochs}";
    }

    /// <summary>
    /// A progress line, within 80 columns: the step, the epoch, the smooth loss, the speed, the time spent and, with a
    /// limit (<paramref name="updateLimit"/> updates, 0 for none), the time left at this speed; the validation loss on a
    /// line of its own beneath.
    /// </summary>
    public void Progress(TrainingSnapshot s, long updateLimit = 0)
    {
        var eta = updateLimit > 0 && s.Step < updateLimit
            ? "  ETA " + (s.TimeLeft(updateLimit) is { } left ? Format.Duration(left) : "-")
            : "";
        Out.WriteLine(
            $"step {Format.Count(s.Step),9}  epoch {s.Epoch} ({Format.Percent(s.EpochProgress)})  smooth {Format.Loss(s.SmoothLoss)}  " +
            $"{Format.Rate(s.StepsPerSecond)}/s  {Format.Duration(s.Elapsed)}{eta}");
        if (s.Validation.HasLoss)
        {
            Out.WriteLine($"  validation {Format.Loss(s.Validation.Loss)} ({Format.Loss(s.Validation.PerCharacter)}/char) at step {Format.Count(s.Validation.Step)}, {s.Validation.Milliseconds:0} ms");
        }
    }

    public void Sample(TrainingSample sample)
    {
        var when = sample.Step == 0 ? "before the first update" : $"smooth loss {Format.Loss(sample.SmoothLoss)}";
        console.Line($"----- update step {Format.Count(sample.Step)}, {when} -----");
        Out.WriteLine(Safe(sample.Text));
        Out.WriteLine();
    }

    /// <summary>The lowest smooth loss and a passage from the parameters that reached it; after training has ended.</summary>
    public void Summary(Trainer trainer)
    {
        var training = trainer.Description.Settings.Training;
        var length = training.FinalSampleLength;
        if (trainer.Step == 0)
        {
            console.Line("no update was made");
            return;
        }

        Out.WriteLine();
        console.Line($"lowest smooth loss {Format.Loss(trainer.BestSmoothLoss)} at update step {Format.Count(trainer.BestStep)}");
        if (trainer.Validation is { HasLoss: true } validation)
        {
            console.Line($"lowest validation loss {Format.Loss(validation.BestLoss)} ({Format.Loss(validation.BestLoss / trainer.Description.Settings.Model.SeqLength)} per character) at update step {Format.Count(validation.BestStep)}");
        }

        if (length > 0)
        {
            var best = trainer.SampleBestAsync(length, new SamplingOptions(training.Temperature)).GetAwaiter().GetResult();
            console.Line($"----- {length} characters from the best parameters (update step {Format.Count(best.Step)}), {best.From?.Phrase()} -----");
            Out.WriteLine(Safe(best.Text));
        }
    }

    private string Safe(string text) => console.IsTerminal ? SafeText.Escape(text) : text;
}
