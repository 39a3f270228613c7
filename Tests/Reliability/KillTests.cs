using System.Diagnostics;
using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments, twenty times over one run that checkpoints every other update (so that most kills
/// land while a checkpoint is being written): every time, the newest checkpoint is whole and the run resumes from it.
/// </summary>
public sealed class KillTests
{
    [Fact]
    public void KilledTwentyTimes_NewestCheckpointAlwaysLoadsAndTheRunResumes()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var latest = Path.Combine(runs, "k", "checkpoints", "latest.rnnck");
        var random = new Random(11);
        long lastStep = 0;
        var resumes = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            string[] common = ["--headless", "--corpus", corpus, "--hidden", "16", "--steps", "0", "--runs-dir", runs, "--progress-interval", "1000000"];
            string[] arguments = kill == 0 ? ["train", "--run", "k", .. common] : ["train", "--resume", "k", .. common];
            using var process = Start(arguments);

            // Wait for training to be under way (a checkpoint newer than the last one), then kill at a random moment.
            var deadline = Stopwatch.StartNew();
            while (StepOf(latest) <= lastStep && deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                Thread.Sleep(5);
            }

            if (process.HasExited)
            {
                Assert.Fail($"rnntui exited by itself (code {process.ExitCode}): {process.StandardError.ReadToEnd()}");
            }

            Assert.True(StepOf(latest) > lastStep, "no new checkpoint within 30 s");
            Thread.Sleep(random.Next(0, 300));
            process.Kill(entireProcessTree: true);
            Assert.True(process.WaitForExit(10_000), "rnntui did not die on SIGKILL");

            var checkpoint = CheckpointFormat.Read(latest);
            Assert.True(checkpoint.Step > lastStep, $"kill {kill}: step {checkpoint.Step} after {lastStep}");
            lastStep = checkpoint.Step;
            resumes++;
        }

        Assert.Equal(20, resumes);
        var (code, output, _) = Cli.CliTests.Run(["train", "--headless", "--resume", "k", "--runs-dir", runs, "--steps", (lastStep + 5).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, code);
        Assert.Equal(lastStep + 5, CheckpointFormat.Read(latest).Step);
        Assert.Contains("resum", output, StringComparison.OrdinalIgnoreCase);
    }

    private static long StepOf(string checkpoint)
    {
        try
        {
            return File.Exists(checkpoint) ? CheckpointFormat.Read(checkpoint).Step : 0;
        }
        catch (Exception e) when (e is CheckpointException or IOException)
        {
            throw new Xunit.Sdk.XunitException($"a reader saw a damaged checkpoint: {e.Message}");
        }
    }

    private static Process Start(string[] arguments)
    {
        var start = Cli.ProcessTests.StartInfo(arguments);
        start.Environment["RNNTUI_Checkpoints__EveryUpdates"] = "2";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
