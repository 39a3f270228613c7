using System.Diagnostics;
using System.Globalization;
using RnnTui.Runs;

namespace RnnTui.Tests.Ui;

/// <summary>
/// The interactive trainer in a real terminal stops cleanly on SIGTERM and SIGINT as on a hangup: a final checkpoint
/// at the step training stopped, the terminal restored, exit code 0.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class SignalEndToEndTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void InteractiveTrainer_Signal_SavesAFinalCheckpointAndExitsZero(string signal)
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var exitFile = Path.Combine(folder.Path, "exit-code");
        var dll = Path.Combine(AppContext.BaseDirectory, "rnntui.dll");

        // In the foreground, as a user runs it (a background job of a shell would ignore SIGINT).
        var command = $"dotnet '{dll}' --corpus '{corpus}' --hidden 16 --runs-dir '{runs}'; echo $? > '{exitFile}'; sleep 30";
        using var tmux = new Tmux(80, 24, command, new Dictionary<string, string> { ["XDG_STATE_HOME"] = Path.Combine(folder.Path, "state"), ["DOTNET_NOLOGO"] = "1" });
        tmux.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("q quit", StringComparison.Ordinal), "training to start");

        using (var find = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"rnntui.dll.*runs-dir {runs}"]) { RedirectStandardOutput = true })!)
        {
            var pid = find.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
            Process.Start("kill", ["-" + signal, pid])!.WaitForExit();
        }

        tmux.WaitFor(_ => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, "rnntui to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
        var run = Assert.Single(Directory.GetDirectories(runs));
        var saved = CheckpointFormat.Read(Path.Combine(run, "checkpoints", "latest.rnnck"));
        Assert.True(saved.Step > 0);
        var log = File.ReadAllText(Path.Combine(folder.Path, "state", "rnntui", "rnntui.log"));
        Assert.Contains($"SIG{signal} received: stopping", log, StringComparison.Ordinal);
        Assert.Contains($"training stopped at update step {saved.Step.ToString(CultureInfo.InvariantCulture)} ", log, StringComparison.Ordinal);
    }
}
