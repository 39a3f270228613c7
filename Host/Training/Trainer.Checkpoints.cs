using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RnnTui.Runs;

namespace RnnTui.Training;

internal sealed partial class Trainer
{
    private byte[]? _corpusHash;

    /// <summary>SHA-256 of the encoded text, which a checkpoint records so that a resume on another text is refused.</summary>
    public byte[] CorpusHash => _corpusHash ??= SHA256.HashData(MemoryMarshal.AsBytes(_text.AsSpan()));

    /// <summary>A copy of everything needed to continue exactly from here. Call on the training thread.</summary>
    public Checkpoint Capture() => new()
    {
        VocabularySize = _run.Shape.VocabularySize,
        HiddenSize = _run.Shape.HiddenSize,
        SeqLength = Reader.SequenceLength,
        Vocabulary = [.. _run.Corpus.Vocabulary.Characters],
        Parameters = (double[])Parameters.Clone(),
        BestParameters = (double[])BestParameters.Clone(),
        Hidden = (double[])Hidden.Clone(),
        OptimizerName = _run.OptimizerPlugin.Name,
        OptimizerState = [.. _run.Optimizer.State.Select(b => (b.Name, (double[])b.Values.Clone()))],
        SampleRandomState = SampleRandom.State,
        Step = Step,
        Epoch = Reader.Epoch,
        Position = Reader.Position,
        Loss = Loss,
        SmoothLoss = SmoothLoss,
        BestSmoothLoss = BestSmoothLoss,
        BestStep = BestStep,
        Elapsed = Elapsed,
        CorpusLength = _text.Length,
        CorpusHash = CorpusHash,
        BackendName = _run.Backend.Name,
        SavedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>
    /// Puts the trainer in the state a checkpoint recorded, after checking that it belongs to this run's shape,
    /// text and optimizer. Call on the training thread before <see cref="RunLoop"/> (or between updates).
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint does not fit this run; the message says how.</exception>
    public void Restore(Checkpoint checkpoint)
    {
        var shape = _run.Shape;
        Expect(checkpoint.HiddenSize == shape.HiddenSize, $"it has m = {checkpoint.HiddenSize}, the settings m = {shape.HiddenSize}");
        Expect(checkpoint.SeqLength == Reader.SequenceLength, $"it has seq_length = {checkpoint.SeqLength}, the settings {Reader.SequenceLength}");
        Expect(
            checkpoint.VocabularySize == shape.VocabularySize && checkpoint.Vocabulary.AsSpan().SequenceEqual([.. _run.Corpus.Vocabulary.Characters]),
            $"its vocabulary (K = {checkpoint.VocabularySize}) is not the corpus's (K = {shape.VocabularySize})");
        Expect(
            checkpoint.CorpusLength == _text.Length,
            $"it was trained on another text of {checkpoint.CorpusLength} characters; this corpus has {_text.Length}");
        Expect(
            checkpoint.CorpusHash.AsSpan().SequenceEqual(CorpusHash),
            $"it was trained on another text of the same length ({_text.Length} characters, another SHA-256)");
        Expect(
            checkpoint.OptimizerName.Equals(_run.OptimizerPlugin.Name, StringComparison.OrdinalIgnoreCase),
            $"it was trained with optimizer {checkpoint.OptimizerName}, the settings name {_run.OptimizerPlugin.Name}");
        var state = _run.Optimizer.State;
        Expect(
            checkpoint.OptimizerState.Count == state.Count
                && checkpoint.OptimizerState.Zip(state).All(p => p.First.Name == p.Second.Name && p.First.Values.Length == p.Second.Values.Length),
            $"its optimizer state ({Describe(checkpoint.OptimizerState.Select(s => (s.Name, s.Values.Length)))}) does not fit "
                + $"{_run.OptimizerPlugin.Name}'s ({Describe(state.Select(s => (s.Name, s.Values.Length)))})");
        Expect(checkpoint.Position <= _text.Length, $"its position {checkpoint.Position} is past the text's end");

        checkpoint.Parameters.CopyTo(Parameters, 0);
        checkpoint.BestParameters.CopyTo(BestParameters, 0);
        checkpoint.Hidden.CopyTo(Hidden, 0);
        for (var i = 0; i < state.Count; i++)
        {
            checkpoint.OptimizerState[i].Values.CopyTo(state[i].Values, 0);
        }

        SampleRandom.State = checkpoint.SampleRandomState;
        Reader.Seek(checkpoint.Position, checkpoint.Epoch);
        Step = checkpoint.Step;
        Loss = checkpoint.Loss;
        SmoothLoss = checkpoint.SmoothLoss;
        BestSmoothLoss = checkpoint.BestSmoothLoss;
        BestStep = checkpoint.BestStep;
        _elapsedBefore = checkpoint.Elapsed - _clock.Elapsed;
        _status = TrainerStatus.Running;
        _message = null;
        Publish(force: true);
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckpointException($"the checkpoint does not fit this run: {message}");
        }
    }

    private static string Describe(IEnumerable<(string Name, int Length)> buffers) =>
        string.Join(", ", buffers.Select(b => $"{b.Name}[{b.Length}]")) is { Length: > 0 } text ? text : "none";
}
