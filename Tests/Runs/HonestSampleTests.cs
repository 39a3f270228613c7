using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

/// <summary>
/// Unprimed samples start from the hidden state training had at the parameters and the text's next character, not
/// from h = 0. On the shipped corpus, after 1,000 updates with seed 3 on the managed backend (whose arithmetic does not
/// depend on the processor), h = 0 falls into a loop of rare characters (<c>VUUUUD5UVUVVVV…</c>): over 80% of the text
/// is outside a-z, space and newline, against about 10% for the corpus itself.
/// </summary>
public sealed class HonestSampleTests : IClassFixture<HonestSampleTests.TrappedRun>
{
    private readonly TrappedRun _run;

    public HonestSampleTests(TrappedRun run) => _run = run;

    [Fact]
    public void UnprimedSample_StartsFromTheTrainingState_AndWritesCorpusLikeText()
    {
        foreach (var seed in new[] { "1", "2", "3" })
        {
            var (code, output, error) = _run.Bed.Run("sample", "trap", "--length", "500", "--seed", seed, "--raw");
            Assert.Equal(0, code);
            Assert.Contains("no priming text, from the training state (next character '", error, StringComparison.Ordinal);
            Assert.True(Unusual(output) < 0.3, $"seed {seed}: {Unusual(output):P0} outside a-z: {output}");
        }
    }

    [Fact]
    public void FromZero_KeepsTheOldStart_WhichFallsIntoTheLoopHere()
    {
        foreach (var seed in new[] { "1", "2", "3" })
        {
            var (code, output, error) = _run.Bed.Run("sample", "trap", "--length", "500", "--seed", seed, "--raw", "--from-zero");
            Assert.Equal(0, code);
            Assert.Contains("no priming text, from h = 0 (--from-zero)", error, StringComparison.Ordinal);
            Assert.True(Unusual(output) > 0.8, $"seed {seed}: {Unusual(output):P0} outside a-z: {output}");
        }
    }

    [Fact]
    public void BestParameters_StartFromTheirOwnTrainingState()
    {
        var (code, output, error) = _run.Bed.Run("sample", "trap", "--best", "--length", "500", "--seed", "4", "--raw");
        Assert.Equal(0, code);
        Assert.Contains("best parameters", error, StringComparison.Ordinal);
        Assert.Contains("from the training state (next character '", error, StringComparison.Ordinal);
        Assert.True(Unusual(output) < 0.3, $"{Unusual(output):P0} outside a-z: {output}");
    }

    [Fact]
    public void PrimedSample_IsFedFromTheTrainingState_OrFromZeroWhenAsked()
    {
        var (_, trained, error) = _run.Bed.Run("sample", "trap", "--prime", "The ", "--length", "500", "--seed", "5", "--raw");
        Assert.Contains("primed with \"The \", from the training state", error, StringComparison.Ordinal);
        Assert.True(Unusual(trained[4..]) < 0.3, trained);

        var (_, zero, zeroError) = _run.Bed.Run("sample", "trap", "--prime", "The ", "--length", "500", "--seed", "5", "--raw", "--from-zero");
        Assert.Contains("primed with \"The \", from h = 0 (--from-zero)", zeroError, StringComparison.Ordinal);
        Assert.StartsWith("The ", zero, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalPassageAndReport_ComeFromTheTrainingState()
    {
        Assert.Contains("characters from the best parameters (update step 999), from the training state -----", _run.Output, StringComparison.Ordinal);
        var passage = _run.Output[(_run.Output.IndexOf("from the training state -----", StringComparison.Ordinal) + 30)..].Split("\ncheckpoint at")[0];
        Assert.True(Unusual(passage) < 0.3, passage);

        _run.Bed.Ok("report", "trap");
        var report = File.ReadAllText(_run.Bed.RunPath("trap", "report.md"));
        var q4 = report[report.IndexOf("## Q4", StringComparison.Ordinal)..];
        Assert.Contains("from the hidden state training had at them and the text's next character", q4, StringComparison.Ordinal);
        var fenced = q4.Split("```")[1];
        Assert.True(Unusual(fenced) < 0.3, fenced);

        var samples = SampleLog.Read(_run.Bed.RunPath("trap", "samples.jsonl"));
        Assert.All(samples, s => Assert.Equal(RnnTui.Training.SampleFrom.TrainingState, s.From));
    }

    [Fact]
    public void SampleLog_RecordsWhereEachSampleStarted()
    {
        var zero = new RnnTui.Training.TrainingSample(5, 40, "text", "playground", null, "pr", RnnTui.Training.SampleFrom.Zero);
        Assert.Contains("\"from\":\"zero\"", SampleLog.ToJson(zero), StringComparison.Ordinal);
        Assert.Equal(zero, SampleLog.Parse(SampleLog.ToJson(zero)));
        Assert.Null(SampleLog.Parse("{\"step\":1,\"smoothLoss\":2,\"origin\":\"interval\",\"text\":\"ab\"}")!.From);
    }

    [Fact]
    public void CheckpointWithoutTheRecord_SamplesFromZero_AndSaysWhy()
    {
        var latest = CheckpointFormat.Read(_run.Bed.RunPath("trap", "checkpoints", "latest.rnnck"));
        Assert.NotNull(latest.BestStart);
        Assert.InRange(latest.Next, 0, latest.VocabularySize - 1);

        var older = Path.Combine(_run.Bed.Root, "older.rnnck");
        File.WriteAllBytes(older, CheckpointFormat.Serialize(new RnnTui.Training.Checkpoint
        {
            VocabularySize = latest.VocabularySize, HiddenSize = latest.HiddenSize, SeqLength = latest.SeqLength, Vocabulary = latest.Vocabulary,
            Parameters = latest.Parameters, BestParameters = latest.BestParameters, Hidden = latest.Hidden, OptimizerName = latest.OptimizerName,
            OptimizerState = latest.OptimizerState, SampleRandomState = latest.SampleRandomState, Step = latest.Step, Epoch = latest.Epoch,
            Position = latest.Position, Loss = latest.Loss, SmoothLoss = latest.SmoothLoss, BestSmoothLoss = latest.BestSmoothLoss,
            BestStep = latest.BestStep, Elapsed = latest.Elapsed, CorpusLength = latest.CorpusLength, CorpusHash = latest.CorpusHash,
            BackendName = latest.BackendName, SavedAt = latest.SavedAt,
        }));
        var read = CheckpointFormat.Read(older);
        Assert.Null(read.BestStart);
        Assert.Equal(-1, read.Next);

        var (code, _, error) = _run.Bed.Run("sample", older, "--length", "50", "--seed", "1");
        Assert.Equal(0, code);
        Assert.Contains("from h = 0 (this checkpoint does not record the training state)", error, StringComparison.Ordinal);
    }

    /// <summary>The share of characters outside a-z, space and newline.</summary>
    private static double Unusual(string text) =>
        text.Length == 0 ? 1 : text.Count(c => c is not ((>= 'a' and <= 'z') or ' ' or '\n')) / (double)text.Length;

    /// <summary>The run every test samples: the shipped corpus, m = 100, 1,000 updates, seed 3, managed.</summary>
    public sealed class TrappedRun : IDisposable
    {
        public TrappedRun()
        {
            var corpus = Path.Combine(AppContext.BaseDirectory, "corpora", "lanterns.txt");
            var (code, output, error) = Cli.CliTests.Run(["train", "--headless", "--run", "trap", "--corpus", corpus, "--steps", "1000", "--seed", "3",
                "--backend", "managed", "--optimizer", "adagrad", "--hidden", "100", "--progress-interval", "1000", "--sample-interval", "1000",
                "--runs-dir", Bed.RunsDirectory]);
            Assert.True(code == 0, error);
            Output = output;
        }

        internal RunBed Bed { get; } = new();

        public string Output { get; }

        public void Dispose() => Bed.Dispose();
    }
}
