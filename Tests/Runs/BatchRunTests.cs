using System.Text.Json;
using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

/// <summary>Batched runs from the command line: their header, checkpoints with every stream, resume and its checks.</summary>
public sealed class BatchRunTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Resume_BatchFour_ContinuesBitIdenticallyToAnUninterruptedRun(string threads)
    {
        using var bed = new RunBed();
        bed.Train("whole", 120, "--batch", "4", "--threads", threads);
        bed.Train("halves", 60, "--batch", "4", "--threads", threads);

        var output = bed.Ok("train", "--headless", "--resume", "halves", "--steps", "120");

        Assert.DoesNotContain("not bit-identical", output, StringComparison.Ordinal);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(120, resumed.Step);
        CheckpointFormatTests.AssertSame(whole, resumed, compareTimes: false);
        Assert.Equal(4, resumed.Batch);
        Assert.Equal(whole.Streams!.Positions, resumed.Streams!.Positions);
        Assert.Equal(whole.Streams.Epochs, resumed.Streams.Epochs);
        Assert.Equal(whole.Streams.Hidden, resumed.Streams.Hidden);
        Assert.Equal(whole.Streams.Hidden.AsSpan(0, 8).ToArray(), resumed.Hidden);
    }

    [Fact]
    public void SameThreads_TwoRuns_IdenticalCheckpoints()
    {
        using var bed = new RunBed();
        bed.Train("first", 60, "--batch", "8", "--threads", "2");
        bed.Train("second", 60, "--batch", "8", "--threads", "2");

        var first = CheckpointFormat.Read(bed.RunPath("first", "checkpoints", "latest.rnnck"));
        var second = CheckpointFormat.Read(bed.RunPath("second", "checkpoints", "latest.rnnck"));

        CheckpointFormatTests.AssertSame(first, second, compareTimes: false);
        Assert.Equal(first.Streams!.Hidden, second.Streams!.Hidden);
        Assert.Equal(2, first.Streams.Threads);
    }

    [Fact]
    public void Resume_WithAnotherBatch_RefusedInOneLine()
    {
        using var bed = new RunBed();
        bed.Train("run", 20, "--batch", "4");
        var before = File.ReadAllBytes(bed.RunPath("run", "checkpoints", "latest.rnnck"));

        var (code, output, error) = bed.Run("train", "--headless", "--resume", "run", "--steps", "40", "--batch", "2");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("rnntui: the checkpoint does not fit this run: it was trained with --batch 4, the settings give --batch 2 (keep --batch as the run had it)", error.TrimEnd());
        Assert.Equal(before, File.ReadAllBytes(bed.RunPath("run", "checkpoints", "latest.rnnck")));
    }

    [Fact]
    public void Resume_BatchOneRunWithABatch_Refused()
    {
        using var bed = new RunBed();
        bed.Train("run", 20);

        var (code, _, error) = bed.Run("train", "--headless", "--resume", "run", "--steps", "40", "--batch", "3");

        Assert.Equal(2, code);
        Assert.Contains("it was trained with --batch 1, the settings give --batch 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_OnOtherThreads_ContinuesAndSaysItIsNotBitIdentical()
    {
        using var bed = new RunBed();
        bed.Train("run", 20, "--batch", "4", "--threads", "2");

        var output = bed.Ok("train", "--headless", "--resume", "run", "--steps", "40", "--threads", "1");

        Assert.Contains("note: the run's batch was computed on 2 threads and continues on 1: the continuation is not bit-identical to one on 2", output, StringComparison.Ordinal);
        Assert.Equal(40, CheckpointFormat.Read(bed.RunPath("run", "checkpoints", "latest.rnnck")).Step);
    }

    [Theory]
    [InlineData("--batch", "0", "rnntui: --batch must be a whole number between 1 and 4096, was '0'")]
    [InlineData("--batch", "4097", "rnntui: --batch must be a whole number between 1 and 4096, was '4097'")]
    [InlineData("--threads", "-1", "rnntui: --threads must be a whole number between 0 and 1024, was '-1'")]
    public void BadBatchOrThreads_RefusedInOneLine(string option, string value, string message)
    {
        using var bed = new RunBed();

        var (code, output, error) = bed.Run("train", "--headless", "--steps", "10", option, value);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(message, error.TrimEnd());
        Assert.False(Directory.Exists(bed.RunsDirectory) && Directory.EnumerateFileSystemEntries(bed.RunsDirectory).Any());
    }

    [Fact]
    public void BatchedRun_HeaderSaysBatchAndThreads_RunJsonRecordsThem_BatchOneSaysNothing()
    {
        using var bed = new RunBed();

        var batched = bed.Train("batched", 10, "--batch", "6", "--threads", "0");
        var single = bed.Train("single", 10);

        var threads = Math.Min(Environment.ProcessorCount, 6);
        var line = Assert.Single(batched.Split('\n'), l => l.StartsWith("batch ", StringComparison.Ordinal));
        Assert.StartsWith($"batch 6 sequences per update on {threads} thread", line, StringComparison.Ordinal);
        Assert.Contains("; an epoch is ", line, StringComparison.Ordinal);
        Assert.True(line.TrimEnd().Length <= 80, line);
        Assert.DoesNotContain("\nbatch ", single, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(bed.RunPath("batched", "run.json")));
        var training = manifest.RootElement.GetProperty("settings").GetProperty("Training");
        Assert.Equal(6, training.GetProperty("Batch").GetInt32());
        Assert.Equal(threads, training.GetProperty("Threads").GetInt32());
        Assert.NotNull(CheckpointFormat.Read(bed.RunPath("batched", "checkpoints", "latest.rnnck")).Streams);
        Assert.Null(CheckpointFormat.Read(bed.RunPath("single", "checkpoints", "latest.rnnck")).Streams);
    }
}
