using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>Copies a trainer's state into a <see cref="Checkpoint"/>, and back after checking that it fits the run.</summary>
internal sealed class StateCheckpoints(TrainingSetup setup, TrainingState state)
{
    private byte[]? _corpusHash;

    /// <summary>SHA-256 of the encoded text, which a checkpoint records so that a resume on another text is refused.</summary>
    public byte[] CorpusHash => _corpusHash ??= SHA256.HashData(MemoryMarshal.AsBytes(state.Text.AsSpan()));

    /// <summary>A copy of everything needed to continue exactly from here; nothing in it is shared with the trainer.</summary>
    public Checkpoint Capture(TimeSpan elapsed)
    {
        var description = setup.Description;
        return new Checkpoint
        {
            VocabularySize = description.Shape.VocabularySize,
            HiddenSize = description.Shape.HiddenSize,
            Model = description.ModelRecord,
            SeqLength = state.Reader.SequenceLength,
            Vocabulary = [.. description.Corpus.Vocabulary.Characters],
            Parameters = (double[])state.Parameters.Clone(),
            BestParameters = (double[])state.Best.Clone(),
            Hidden = (double[])state.Hidden.Clone(),
            Next = state.Next,
            Streams = state.Streams?.Capture(setup.Kernels.Count),
            BestStart = state.BestStart,
            OptimizerName = description.Optimizer.Name,
            OptimizerState = [.. OptimizerState().Select(b => (b.Name, (double[])b.Values.Clone()))],
            SampleRandomState = state.SampleRandom.State,
            Step = state.Step,
            Epoch = state.Epoch,
            Position = state.Reader.Position,
            Loss = state.Loss,
            SmoothLoss = state.SmoothLoss,
            BestSmoothLoss = state.BestSmoothLoss,
            BestStep = state.BestStep,
            HeldOutLength = description.Corpus.HeldOut.Length,
            Validation = state.Validation,
            BestParametersStep = description.Settings.Training.BestBy == Settings.TrainingSettings.ByValidation ? state.Validation.BestStep : state.BestStep,
            Elapsed = elapsed,
            CorpusLength = state.Text.Length,
            CorpusHash = CorpusHash,
            BackendName = description.Backend.Name,
            SavedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Puts the state a checkpoint recorded, after checking that it belongs to this run's shape, text and optimizer.</summary>
    /// <param name="checkpoint">What to continue from.</param>
    /// <param name="elapsedNow">The training time the trainer has counted so far, kept out of the restored total.</param>
    /// <exception cref="CheckpointException">The checkpoint does not fit this run; the message says how.</exception>
    public void Restore(Checkpoint checkpoint, TimeSpan elapsedNow)
    {
        var description = setup.Description;
        var shape = description.Shape;
        var text = state.Text;
        var optimizer = description.Optimizer.Name;
        Expect(
            checkpoint.Model.Name.Equals(description.ModelRecord.Name, StringComparison.OrdinalIgnoreCase),
            $"it is a model {checkpoint.Model.Name}, the settings name {description.ModelRecord.Name} (keep --model as the run had it)");
        Expect(checkpoint.HiddenSize == shape.HiddenSize, $"it has m = {checkpoint.HiddenSize}, the settings m = {shape.HiddenSize}");
        Expect(
            checkpoint.Model == description.ModelRecord,
            $"its model {checkpoint.Model.Name} has the settings {SettingsOf(checkpoint.Model)}, the settings give {SettingsOf(description.ModelRecord)}");
        Expect(checkpoint.SeqLength == state.Reader.SequenceLength, $"it has seq_length = {checkpoint.SeqLength}, the settings {state.Reader.SequenceLength}");
        Expect(
            checkpoint.VocabularySize == shape.VocabularySize && checkpoint.Vocabulary.AsSpan().SequenceEqual([.. description.Corpus.Vocabulary.Characters]),
            $"its vocabulary (K = {checkpoint.VocabularySize}) is not the corpus's (K = {shape.VocabularySize})");
        Expect(checkpoint.CorpusLength == text.Length, $"it was trained on another text of {checkpoint.CorpusLength} characters; this corpus has {text.Length}");
        Expect(checkpoint.CorpusHash.AsSpan().SequenceEqual(CorpusHash), $"it was trained on another text of the same length ({text.Length} characters, another SHA-256)");
        Expect(
            checkpoint.OptimizerName.Equals(optimizer, StringComparison.OrdinalIgnoreCase),
            $"it was trained with optimizer {checkpoint.OptimizerName}, the settings name {optimizer}");
        var buffers = OptimizerState();
        Expect(
            checkpoint.OptimizerState.Count == buffers.Count
                && checkpoint.OptimizerState.Zip(buffers).All(p => p.First.Name == p.Second.Name && p.First.Values.Length == p.Second.Values.Length),
            $"its optimizer state ({Describe(checkpoint.OptimizerState.Select(s => (s.Name, s.Values.Length)))}) does not fit "
                + $"{optimizer}'s ({Describe(buffers.Select(s => (s.Name, s.Values.Length)))})");
        var heldOut = description.Corpus.HeldOut.Length;
        Expect(
            checkpoint.HeldOutLength == heldOut,
            $"it held out {checkpoint.HeldOutLength} characters for validation, the settings {heldOut} (keep --validation as the run had it)");
        Expect(checkpoint.Position <= text.Length, $"its position {checkpoint.Position} is past the text's end");
        var batch = state.Streams?.Count ?? 1;
        Expect(checkpoint.Batch == batch, $"it was trained with --batch {checkpoint.Batch}, the settings give --batch {batch} (keep --batch as the run had it)");
        Expect(checkpoint.Streams is not { } streams || streams.Positions.All(p => p <= text.Length), "a stream's position is past the text's end");

        checkpoint.Parameters.CopyTo(state.Parameters, 0);
        checkpoint.BestParameters.CopyTo(state.Best, 0);
        checkpoint.Hidden.CopyTo(state.Hidden, 0);
        (checkpoint.BestStart?.Hidden ?? new double[state.BestHidden.Length]).CopyTo(state.BestHidden, 0);
        state.BestNext = checkpoint.BestStart?.Next ?? -1;
        for (var i = 0; i < buffers.Count; i++)
        {
            checkpoint.OptimizerState[i].Values.CopyTo(buffers[i].Values, 0);
        }

        state.SampleRandom.State = checkpoint.SampleRandomState;
        if (checkpoint.Streams is { } saved)
        {
            state.Streams!.Restore(saved);
        }
        else
        {
            state.Reader.Seek(checkpoint.Position, checkpoint.Epoch);
        }

        state.Step = checkpoint.Step;
        state.Loss = checkpoint.Loss;
        state.SmoothLoss = checkpoint.SmoothLoss;
        state.BestSmoothLoss = checkpoint.BestSmoothLoss;
        state.BestStep = checkpoint.BestStep;
        state.Validation = checkpoint.Validation;
        state.ElapsedBefore = checkpoint.Elapsed - elapsedNow;
    }

    /// <summary>The optimizer's state buffers, asked for through the guard that names the plugin when it throws.</summary>
    private IReadOnlyList<OptimizerBuffer> OptimizerState() =>
        PluginFactory.Call(setup.Description.Optimizer, "State", () => setup.Optimizer.State) ?? [];

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckpointException($"the checkpoint does not fit this run: {message}");
        }
    }

    private static string SettingsOf(ModelRecord model) => model.Settings.Count == 0 ? "none" : model.SettingsText;

    private static string Describe(IEnumerable<(string Name, int Length)> buffers) =>
        string.Join(", ", buffers.Select(b => $"{b.Name}[{b.Length}]")) is { Length: > 0 } text ? text : "none";
}
