using RnnTui.Runs;
using RnnTui.Training;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Training;

/// <summary>
/// An optimizer whose Step throws part-way leaves the run exactly as its last completed update left it: the saved
/// step, parameters, optimizer state, losses, hidden state and place in the text, so that a resume continues
/// bit-identically to a run that never failed.
/// </summary>
public sealed class OptimizerFaultTests(UnsteadyOptimizerBuild build) : IClassFixture<UnsteadyOptimizerBuild>
{
    [Fact]
    public void StepThrowsHalfWay_CheckpointIsTheLastCompletedUpdate_AndAResumeIsBitIdenticalToARunThatNeverFailed()
    {
        using var folder = TestData.TempFolder();
        var (runs, trigger, common) = Arrange(folder, "--optimizer", "unsteady");

        var (code, output, error) = CliTests.Run(["train", "--headless", "--run", "failed", "--steps", "30", .. common]);

        Assert.Equal(1, code);
        Assert.Equal("rnntui: optimizer unsteady failed in Step at update step 12: IOException: the disk under the optimizer is gone\n", error);
        var steps = output.Split('\n').Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToList();
        Assert.Equal(["4", "8"], steps);
        Assert.Contains("lowest smooth loss ", output, StringComparison.Ordinal);
        var failed = CheckpointFormat.Read(Path.Combine(runs, "failed", "checkpoints", "latest.rnnck"));
        Assert.Equal(11, failed.Step);

        Assert.False(File.Exists(trigger));
        var (a, b) = ResumeBesideAnUninterruptedRun(runs, common);
        Assert.Equal(b.Hidden, a.Hidden);
        Assert.Equal((b.Position, b.Epoch, b.Loss, b.SmoothLoss, b.BestSmoothLoss, b.BestStep), (a.Position, a.Epoch, a.Loss, a.SmoothLoss, a.BestSmoothLoss, a.BestStep));
    }

    /// <summary>
    /// With a batch on two threads, each steps its own range of the parameters; the worker's range throwing half-way is
    /// the same fault: the run stops at the last completed update, and a resume continues bit-identically.
    /// </summary>
    [Fact]
    public void RangeStepThrowsOnTheWorkerThread_CheckpointIsTheLastCompletedUpdate_AndAResumeIsBitIdentical()
    {
        using var folder = TestData.TempFolder();
        var (runs, trigger, common) = Arrange(folder, "--optimizer", "unsteadyranges", "--batch", "4", "--threads", "2");

        var (code, _, error) = CliTests.Run(["train", "--headless", "--run", "failed", "--steps", "30", .. common]);

        Assert.Equal(1, code);
        Assert.Equal("rnntui: optimizer unsteadyranges failed in Step at update step 12: IOException: the disk under the optimizer is gone\n", error);
        Assert.Equal(11, CheckpointFormat.Read(Path.Combine(runs, "failed", "checkpoints", "latest.rnnck")).Step);
        Assert.False(File.Exists(trigger));
        var (a, b) = ResumeBesideAnUninterruptedRun(runs, common);
        Assert.Equal(b.Streams!.Hidden, a.Streams!.Hidden);
        Assert.Equal(b.Streams.Positions, a.Streams.Positions);
    }

    [Fact]
    public void StepThrowsHalfWay_WithBestByValidation_TheRebuiltBestIsThatOfTheLowestValidationLoss()
    {
        using var folder = TestData.TempFolder();
        var (runs, trigger, common) = Arrange(folder, "--optimizer", "unsteady", "--validation", "0.2", "--validation-interval", "5", "--best-by", "validation");

        var (code, _, _) = CliTests.Run(["train", "--headless", "--run", "failed", "--steps", "30", .. common]);
        File.Delete(trigger);
        var (whole, _, wholeError) = CliTests.Run(["train", "--headless", "--run", "whole", "--steps", "11", .. common]);

        Assert.Equal(1, code);
        Assert.True(whole == 0, wholeError);
        var a = CheckpointFormat.Read(Path.Combine(runs, "failed", "checkpoints", "latest.rnnck"));
        var b = CheckpointFormat.Read(Path.Combine(runs, "whole", "checkpoints", "latest.rnnck"));
        Assert.Equal(11, a.Step);
        Assert.InRange(b.BestParametersStep, 5, 10);
        Assert.Equal(b.BestParametersStep, a.BestParametersStep);
        Assert.Equal(b.BestParameters, a.BestParameters);
        Assert.Equal(b.BestStart!.Hidden, a.BestStart!.Hidden);
        Assert.Equal(b.BestStart.Next, a.BestStart.Next);
    }

    [Fact]
    public void StepThrowsOnTheFirstUpdate_NoUpdateWasMade_AndNoPassageIsPrinted()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var config = build.Config(folder, folder.File("fail-now", ""), failAtCall: 1);

        var (code, output, _) = CliTests.Run(["train", "--headless", "--run", "none", "--steps", "30", "--config", config, "--corpus", corpus, "--hidden", "8",
            "--runs-dir", runs, "--optimizer", "unsteady"]);

        Assert.Equal(1, code);
        Assert.Contains("no update was made", output, StringComparison.Ordinal);
        Assert.DoesNotContain("from the best parameters", output, StringComparison.Ordinal);
        Assert.Equal(0, CheckpointFormat.Read(Path.Combine(runs, "none", "checkpoints", "latest.rnnck")).Step);
    }

    /// <summary>A runs folder, the trigger file that makes the optimizer fail at its 12th step, and the options every run of a test shares.</summary>
    private (string Runs, string Trigger, string[] Common) Arrange(TempFolder folder, params string[] options)
    {
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var trigger = folder.File("fail-now", "");
        var config = build.Config(folder, trigger, failAtCall: 12);
        return (runs, trigger, ["--config", config, "--corpus", corpus, "--hidden", "8", "--runs-dir", runs, "--progress-interval", "4", "--sample-interval", "1000000", .. options]);
    }

    /// <summary>
    /// Resumes run "failed" to update 30 and trains run "whole" to 30 without a failure; both must succeed and end with
    /// the same parameters, best parameters and optimizer state. Returns their checkpoints for what else a test compares.
    /// </summary>
    private static (Checkpoint Resumed, Checkpoint Whole) ResumeBesideAnUninterruptedRun(string runs, string[] common)
    {
        var (resumed, _, resumeError) = CliTests.Run(["train", "--headless", "--resume", "failed", "--steps", "30", .. common]);
        Assert.True(resumed == 0, resumeError);
        var (whole, _, wholeError) = CliTests.Run(["train", "--headless", "--run", "whole", "--steps", "30", .. common]);
        Assert.True(whole == 0, wholeError);

        var a = CheckpointFormat.Read(Path.Combine(runs, "failed", "checkpoints", "latest.rnnck"));
        var b = CheckpointFormat.Read(Path.Combine(runs, "whole", "checkpoints", "latest.rnnck"));
        Assert.Equal(30, a.Step);
        Assert.Equal(b.Parameters, a.Parameters);
        Assert.Equal(b.BestParameters, a.BestParameters);
        Assert.Equal(b.OptimizerState.Single().Values, a.OptimizerState.Single().Values);
        return (a, b);
    }
}
