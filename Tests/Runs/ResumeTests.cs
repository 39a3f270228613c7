using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Runs;

public sealed class ResumeTests
{
    [Fact]
    public void Resume_FromHalfway_ContinuesBitIdenticallyToAnUninterruptedRun()
    {
        using var bed = new RunBed();
        // An epoch of the small corpus is about 130 sequences: the second half starts in another epoch than the first.
        bed.Train("whole", 310);
        bed.Train("halves", 155);
        var halfway = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));

        // As if the first half had been killed after its checkpoint: lines past it are written again by the resume.
        File.AppendAllText(bed.RunPath("halves", "metrics.csv"), "160,1,0.5,1,2,3,160,4,5\n161,1,0.5,1,2");
        File.WriteAllText(bed.RunPath("halves", "checkpoints", ".latest.rnnck.1.0.tmp"), "a write cut short");
        File.AppendAllText(bed.RunPath("halves", "samples.jsonl"), "{\"step\":160,\"smoothLoss\":1,\"origin\":\"interval\",\"text\":\"lost\"}\n{\"st");
        var output = bed.Ok("train", "--headless", "--resume", "halves", "--steps", "310");

        Assert.Equal(155, halfway.Step);
        Assert.Contains("resuming run halves at update step 155", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not bit-identical", output, StringComparison.Ordinal);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(310, resumed.Step);
        Assert.Equal(["best.rnnck", "latest.rnnck"], Directory.GetFiles(bed.RunPath("halves", "checkpoints")).Select(Path.GetFileName).Order());
        Assert.True(resumed.Epoch > halfway.Epoch, $"epoch {halfway.Epoch} to {resumed.Epoch}");
        CheckpointFormatTests.AssertSame(whole, resumed, compareTimes: false);
        Assert.Equal(Columns(bed.RunPath("whole", "metrics.csv")), Columns(bed.RunPath("halves", "metrics.csv")));
        Assert.Equal(File.ReadAllText(bed.RunPath("whole", "samples.jsonl")), File.ReadAllText(bed.RunPath("halves", "samples.jsonl")));
    }

    [Fact]
    public void Resume_OnAnotherBackend_SaysItIsNotBitIdentical()
    {
        using var bed = new RunBed();
        bed.Train("run", 30);
        var latest = bed.RunPath("run", "checkpoints", "latest.rnnck");
        var checkpoint = CheckpointFormat.Read(latest);
        AtomicFile.Write(latest, CheckpointFormat.Serialize(new Checkpoint
        {
            VocabularySize = checkpoint.VocabularySize, HiddenSize = checkpoint.HiddenSize, SeqLength = checkpoint.SeqLength,
            Vocabulary = checkpoint.Vocabulary, Parameters = checkpoint.Parameters, BestParameters = checkpoint.BestParameters,
            Hidden = checkpoint.Hidden, OptimizerName = checkpoint.OptimizerName, OptimizerState = checkpoint.OptimizerState,
            SampleRandomState = checkpoint.SampleRandomState, Step = checkpoint.Step, Epoch = checkpoint.Epoch, Position = checkpoint.Position,
            Loss = checkpoint.Loss, SmoothLoss = checkpoint.SmoothLoss, BestSmoothLoss = checkpoint.BestSmoothLoss, BestStep = checkpoint.BestStep,
            Elapsed = checkpoint.Elapsed, CorpusLength = checkpoint.CorpusLength, CorpusHash = checkpoint.CorpusHash,
            BackendName = "managed", SavedAt = checkpoint.SavedAt,
        }));

        var output = bed.Ok("train", "--headless", "--resume", bed.RunPath("run"), "--steps", "40");

        Assert.Contains("note: the run was trained on backend managed and continues on simd: the continuation is not bit-identical", output, StringComparison.Ordinal);
        Assert.Equal(40, CheckpointFormat.Read(latest).Step);
    }

    [Fact]
    public void Resume_OnAnotherText_RefusedInOneLine()
    {
        using var bed = new RunBed();
        bed.Train("run", 20);
        var other = Path.Combine(bed.Root, "other.txt");
        File.WriteAllText(other, TestData.SmallCorpus.Replace("The keeper", "The peeker", StringComparison.Ordinal));

        var (code, _, error) = bed.Run("train", "--headless", "--resume", "run", "--steps", "40", "--corpus", other);

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: the checkpoint does not fit this run: it was trained on another text of the same length ({TestData.SmallCorpus.Length} characters, another SHA-256)\n", error);
    }

    [Fact]
    public void Resume_DamagedCheckpoint_RefusedNamingTheFile()
    {
        using var bed = new RunBed();
        bed.Train("run", 20);
        var latest = bed.RunPath("run", "checkpoints", "latest.rnnck");
        var bytes = File.ReadAllBytes(latest);
        File.WriteAllBytes(latest, bytes[..(bytes.Length / 2)]);

        var (code, _, error) = bed.Run("train", "--headless", "--resume", latest, "--steps", "40");

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: checkpoint {latest}: checksum mismatch: the file is damaged or truncated\n", error);
    }

    [Fact]
    public void Resume_AtItsLimit_AsksForAHigherLimit()
    {
        using var bed = new RunBed();
        bed.Train("done", 20);

        var (code, _, error) = bed.Run("train", "--headless", "--resume", "done");

        Assert.Equal(2, code);
        Assert.Equal("rnntui: run done is at update step 20, its limit (--steps 20); give a higher --steps or --epochs to continue it\n", error);
        Assert.Single(File.ReadAllLines(bed.RunPath("done", "metrics.csv")), l => l.StartsWith("20,", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_WritesTheRunFolder()
    {
        using var bed = new RunBed();

        var output = bed.Train("first", 40);

        Assert.Contains($"run first: {bed.RunPath("first")}", output, StringComparison.Ordinal);
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(bed.RunPath("first", "run.json"))).RootElement;
        Assert.Equal("first", manifest.GetProperty("name").GetString());
        Assert.Equal(bed.Corpus, manifest.GetProperty("corpus").GetProperty("origin").GetString());
        Assert.Equal(34, manifest.GetProperty("corpus").GetProperty("K").GetInt32());
        Assert.Equal("0.1.0", manifest.GetProperty("plugins").GetProperty("backend").GetProperty("version").GetString());
        Assert.Equal(8, manifest.GetProperty("settings").GetProperty("Model").GetProperty("Hidden").GetInt32());
        Assert.Equal(["10", "20", "30", "40"], File.ReadAllLines(bed.RunPath("first", "metrics.csv")).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal([0L, 20L, 40L], SampleLog.Read(bed.RunPath("first", "samples.jsonl")).Select(s => s.Step));
        Assert.True(File.Exists(bed.RunPath("first", "checkpoints", "latest.rnnck")));
        Assert.Equal(40, CheckpointFormat.Read(bed.RunPath("first", "checkpoints", "best.rnnck")).BestStep);
    }

    [Fact]
    public void Train_ExistingRunName_Refused()
    {
        using var bed = new RunBed();
        bed.Train("taken", 10);

        var (code, _, error) = bed.Run("train", "--headless", "--run", "taken", "--steps", "10");

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: run 'taken' exists in {bed.RunsDirectory}; continue it with --resume taken or choose another --run\n", error);
    }

    /// <summary>The metrics at the progress interval (a stop adds a line), without the columns that measure time.</summary>
    private static string[] Columns(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.Split(',')).Where(f => f[0] == "step" || long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) % 10 == 0)
            .Select(f => string.Join(',', f[..7]))];
}
