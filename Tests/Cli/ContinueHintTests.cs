using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnTui.Tests.Ui;

namespace RnnTui.Tests.Cli;

/// <summary>The "continue with:" line training prints at its end is a command that works, run as printed, from the state it leaves.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed partial class ContinueHintTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "rnntui.dll");

    [Fact]
    public void Headless_AtItsLimit_TheHintGivesAHigherLimit_AndRunAsPrintedItContinues()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");

        var first = Shell($"dotnet '{Dll}' train --headless --run r --corpus '{corpus}' --hidden 8 --steps 20 --progress-interval 10 --sample-interval 1000", runs);

        Assert.True(first.Code == 0, first.Error);
        var hint = Hint(first.Output);
        Assert.Equal("rnntui train --headless --resume r --steps 40", hint);
        var second = Shell(AsPrinted(hint), runs);
        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("resuming run r at update step 20", second.Output, StringComparison.Ordinal);
        Assert.Contains("step        40 ", second.Output, StringComparison.Ordinal);
        Assert.Equal("rnntui train --headless --resume r --steps 80", Hint(second.Output));
    }

    [Fact]
    public void Headless_AtItsLimit_TheRunsOwnLimitIsStillRefused()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        Assert.Equal(0, Shell($"dotnet '{Dll}' train --headless --run r --corpus '{corpus}' --hidden 8 --steps 20 --progress-interval 10 --sample-interval 1000", runs).Code);

        var again = Shell($"dotnet '{Dll}' train --headless --resume r", runs);

        Assert.Equal(2, again.Code);
        Assert.Equal("rnntui: run r is at update step 20, its limit (--steps 20); give a higher --steps or --epochs to continue it\n", again.Error);
    }

    [Fact]
    public void Headless_StoppedBeforeItsLimit_TheHintResumesAsItIs_AndRunAsPrintedItFinishes()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var (exitCode, output) = ProcessTests.InterruptAtFirstProgressLine(["train", "--headless", "--run", "r", "--corpus", corpus, "--hidden", "8", "--steps", "3000",
            "--progress-interval", "100", "--sample-interval", "100000", "--runs-dir", runs]);
        Assert.Equal(0, exitCode);

        var hint = Hint(string.Join('\n', output));
        Assert.Equal("rnntui train --headless --resume r", hint);
        var resumed = Shell(AsPrinted(hint), runs);
        Assert.True(resumed.Code == 0, resumed.Error);
        Assert.Contains("step     3,000 ", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ui_AtItsLimit_TheHintRunAsPrintedContinuesTraining()
    {
        Tmux.RequireInstalled();
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs");
        var environment = new Dictionary<string, string> { ["XDG_STATE_HOME"] = Path.Combine(folder.Path, "state"), ["DOTNET_NOLOGO"] = "1" };
        string hint;
        using (var tmux = new Tmux(200, 30, $"dotnet '{Dll}' --corpus '{corpus}' --hidden 16 --steps 30 --runs-dir '{runs}'; sleep 30", environment))
        {
            tmux.WaitFor("finished (step limit)");
            tmux.Send("q");
            var screen = tmux.WaitFor(s => s.Contains("continue with:", StringComparison.Ordinal) || s.Contains("quit rnntui?", StringComparison.Ordinal), "quitting");
            if (!screen.Contains("continue with:", StringComparison.Ordinal))
            {
                tmux.Send("y");
                screen = tmux.WaitFor("continue with:");
            }

            hint = Hint(screen);
        }

        Assert.StartsWith("rnntui --resume '", hint, StringComparison.Ordinal);
        using var resumed = new Tmux(100, 30, AsPrinted(hint) + "; sleep 30", environment);
        var later = resumed.WaitFor(s => MainWindowTests.UpdateStep(s) > 60, "training to go past the old limit", 30);
        Assert.Contains("clip 5  no limit", later, StringComparison.Ordinal);
        resumed.Send("q");
        resumed.WaitFor("Stop training and quit rnntui?");
        resumed.Send("y");
        resumed.WaitFor("continue with: rnntui --resume '");
    }

    /// <summary>The command of the "continue with:" line.</summary>
    private static string Hint(string output) => ContinueLine().Match(output) is { Success: true } match
        ? match.Groups[1].Value.TrimEnd()
        : throw new Xunit.Sdk.XunitException($"no continue line in:\n{output}");

    /// <summary>The hint with the installed command's name standing for the built one.</summary>
    private static string AsPrinted(string hint) => $"dotnet '{Dll}'" + hint["rnntui".Length..];

    /// <summary>Runs a command line through the shell, as a user would type it, with the runs folder in the environment.</summary>
    private static (int Code, string Output, string Error) Shell(string command, string runs)
    {
        var start = new ProcessStartInfo("sh", ["-c", command + " < /dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RNNTUI_Runs__Directory"] = runs;
        return ProcessTests.RunToEnd(start);
    }

    [GeneratedRegex(@"continue with: (.+)")]
    private static partial Regex ContinueLine();
}
