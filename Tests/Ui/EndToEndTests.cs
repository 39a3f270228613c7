namespace RnnTui.Tests.Ui;

/// <summary>The built rnntui in a real terminal (tmux): it trains, answers keys, quits cleanly, restores the screen and leaves its run folder.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class EndToEndTests
{
    [Fact]
    public void Rnntui_InTmux_TrainsSamplesChecksGradientsAndQuitsWithExitCodeZero()
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var exitFile = Path.Combine(folder.Path, "exit-code");
        var runs = Path.Combine(folder.Path, "runs");
        using var tmux = new Tmux(100, 30, Command(corpus, exitFile, runs), Environment(folder.Path));

        var first = tmux.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "training to start");
        var step = MainWindowTests.UpdateStep(first);
        var later = tmux.WaitFor(s => MainWindowTests.UpdateStep(s) > step, "the update step to advance");
        foreach (var title in new[] { "┤Loss · whole run├", "┤Samples├", "┤Gradient check├", "┤Run├", "q quit" })
        {
            Assert.Contains(title, later);
        }

        tmux.Send("s");
        tmux.WaitFor("on demand, T 1.0");

        tmux.Send("g");
        var check = tmux.WaitFor("PASS max");
        Assert.Contains("m 5", check);

        tmux.Send("q");
        tmux.WaitFor("Stop training and quit rnntui?");
        tmux.Send("y");

        var after = tmux.WaitFor(_ => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, "rnntui to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
        var restored = tmux.WaitFor("continue with: rnntui --resume");
        Assert.DoesNotContain("┤Loss · whole run├", restored);
        Assert.Contains("gradient check: PASS", File.ReadAllText(Path.Combine(folder.Path, "state", "rnntui", "rnntui.log")));
        var run = Assert.Single(Directory.GetDirectories(runs));
        Assert.True(File.Exists(Path.Combine(run, "run.json")));
        var saved = RnnTui.Runs.CheckpointFormat.Read(Path.Combine(run, "checkpoints", "latest.rnnck"));
        Assert.Contains($"stopped at update step {RnnTui.Text.Format.Count(saved.Step)};", restored.ReplaceLineEndings(""));
    }

    [Fact]
    public void Rnntui_InTmux_TerminalClosed_SavesAFinalCheckpointOnSighup()
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var log = Path.Combine(folder.Path, "state", "rnntui", "rnntui.log");
        using (var tmux = new Tmux(80, 24, Command(corpus, Path.Combine(folder.Path, "exit-code"), runs), Environment(folder.Path)))
        {
            tmux.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("q quit", StringComparison.Ordinal), "training to start");
        }

        // Killing the tmux server hangs up the pane's terminal, as a dropped SSH session does.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(log) && File.ReadAllText(log).Contains("checkpoint at step", StringComparison.Ordinal)) && clock.Elapsed.TotalSeconds < 15)
        {
            Thread.Sleep(100);
        }

        var text = File.ReadAllText(log);
        Assert.Contains("SIGHUP received: stopping", text);
        Assert.Contains("checkpoint at step", text);
        var run = Assert.Single(Directory.GetDirectories(runs));
        Assert.True(RnnTui.Runs.CheckpointFormat.Read(Path.Combine(run, "checkpoints", "latest.rnnck")).Step > 0);
    }

    [Theory]
    [InlineData("xterm", 80, 24)]
    [InlineData("linux", 80, 24)]
    [InlineData("screen", 100, 30)]
    [InlineData("xterm-256color", 100, 30)]
    public void Rnntui_InTmuxWithTerm_DrawsThePanesAndQuits(string term, int width, int height)
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var exitFile = Path.Combine(folder.Path, "exit-code");
        // tmux sets TERM for the pane itself, so the command sets it.
        using var tmux = new Tmux(width, height, $"export TERM={term}; {Command(corpus, exitFile, Path.Combine(folder.Path, "runs"))}", Environment(folder.Path));

        // The first frames may be partial under load: wait for one with the status line.
        var screen = tmux.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("q quit", StringComparison.Ordinal), "training to start");
        Assert.Contains("┤Gradient check├", screen);
        Assert.Contains($"TERM={term},", File.ReadAllText(Path.Combine(folder.Path, "state", "rnntui", "rnntui.log")));
        tmux.Send("C-c");
        tmux.WaitFor("Stop training and quit rnntui?");
        tmux.Send("Enter");

        tmux.WaitFor(_ => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, "rnntui to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
    }

    [Fact]
    public void Rnntui_InTmux_TrainingDiverged_QuitExitsWithCode1AndTheMessageOnStderr()
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var exitFile = Path.Combine(folder.Path, "exit-code");
        var errorFile = Path.Combine(folder.Path, "stderr");
        var command = Command(corpus, exitFile, Path.Combine(folder.Path, "runs"), "--optimizer sgd --eta 1e4", errorFile);
        using var tmux = new Tmux(100, 30, command, Environment(folder.Path));

        tmux.WaitFor("loss exploded");
        tmux.Send("C-c");

        tmux.WaitFor(_ => File.Exists(exitFile) && File.ReadAllText(exitFile).Trim().Length > 0, "rnntui to exit");
        Assert.Equal("1", File.ReadAllText(exitFile).Trim());
        var error = File.ReadAllText(errorFile);
        Assert.Matches(@"^rnntui: loss exploded to [\d.]+e\+\d+ \(over 100 times an untrained network's\) at update step \d; the last good parameters are kept; try a lower --eta or --clip\n$", error);
        Assert.Contains(error["rnntui: ".Length..].TrimEnd('\n'), File.ReadAllText(Path.Combine(folder.Path, "state", "rnntui", "rnntui.log")));
    }

    /// <summary>
    /// rnntui from the test's own folder, its runs in a temporary folder, its exit code written to a file (and its
    /// standard error, when <paramref name="errorFile"/> is given), the pane kept open to read the restored screen.
    /// </summary>
    private static string Command(string corpus, string exitFile, string runs, string options = "", string? errorFile = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rnntui.dll");
        var error = errorFile is null ? "" : $" 2> '{errorFile}'";
        return $"dotnet '{dll}' --corpus '{corpus}' --hidden 16 --sample-interval 2000 --runs-dir '{runs}' {options}{error}; echo $? > '{exitFile}'; sleep 30";
    }

    private static Dictionary<string, string> Environment(string folder) => new()
    {
        ["XDG_STATE_HOME"] = Path.Combine(folder, "state"),
        ["DOTNET_NOLOGO"] = "1",
    };
}
