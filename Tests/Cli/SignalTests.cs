using System.Diagnostics;
using System.Globalization;
using RnnTui.Runs;

namespace RnnTui.Tests.Cli;

/// <summary>
/// The host's lifetime owns SIGINT, SIGTERM and SIGHUP in every command: training stops after the update in
/// progress, writes its final checkpoint and exits 0; a command with nothing to save stops at once with 128 + the
/// signal's number.
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task HeadlessTraining_Signal_SavesAFinalCheckpointAtTheStepItStoppedAndExitsZero(string signal)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        using var process = Process.Start(ProcessTests.StartInfo(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "0",
            "--progress-interval", "200", "--sample-interval", "1000000", "--runs-dir", runs, "--run", "r"]))!;
        var error = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("step ", StringComparison.Ordinal))
            {
                Send(process, signal);
                break;
            }
        }

        lines.AddRange(process.StandardOutput.ReadToEnd().Split('\n'));
        Assert.True(process.WaitForExit(30_000), $"rnntui did not stop after SIG{signal}");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await error);
        var stopped = Assert.Single(lines, l => l.StartsWith("stopped at update step ", StringComparison.Ordinal));
        var step = long.Parse(stopped["stopped at update step ".Length..].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var saved = CheckpointFormat.Read(Path.Combine(runs, "r", "checkpoints", "latest.rnnck"));
        Assert.Equal(step, saved.Step);
        Assert.True(step >= 200, $"stopped at {step}");
        Assert.Contains(lines, l => l.StartsWith($"checkpoint at update step {stopped["stopped at update step ".Length..]}: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_Terminated_StopsWithExitCode143()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var (code, _, trainError) = CliTests.Run(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "20", "--runs-dir", runs, "--run", "r"]);
        Assert.True(code == 0, trainError);

        using var process = Process.Start(ProcessTests.StartInfo(["sample", "r", "--runs-dir", runs, "--length", "100000000"]))!;
        var error = process.StandardError.ReadToEndAsync();
        var buffer = new char[1000];
        Assert.True(process.StandardOutput.ReadBlock(buffer, 0, buffer.Length) > 0);
        Send(process, "TERM");
        _ = process.StandardOutput.ReadToEndAsync();

        Assert.True(process.WaitForExit(30_000), "rnntui sample did not stop after SIGTERM");
        Assert.Equal(143, process.ExitCode);
        var errors = await error;
        Assert.StartsWith("run r, latest parameters", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    private static void Send(Process process, string signal) =>
        Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
}
