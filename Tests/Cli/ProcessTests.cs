using System.Diagnostics;

namespace RnnTui.Tests.Cli;

/// <summary>The real executable, as a user runs it.</summary>
public sealed class ProcessTests
{
    [Theory]
    [InlineData("--eta -1", "rnntui: --eta must be a number > 0, was '-1'")]
    [InlineData("train --headless --hidden 0", "rnntui: --hidden must be a whole number between 1 and 4096, was '0'")]
    [InlineData("frobnicate", "rnntui: unknown command 'frobnicate' (try rnntui --help)")]
    [InlineData("gradcheck --corpus /nonexistent/goblet_book.txt", "rnntui: corpus file not found: /nonexistent/goblet_book.txt")]
    public void BadInput_OneLineOnStandardErrorAndExitCode2(string arguments, string message)
    {
        var (code, output, error) = RunRnntui(arguments.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal(message + "\n", error);
        Assert.Equal("", output);
    }

    /// <summary>
    /// Dynamic PGO re-jits the hot training methods into a slow instrumented tier first; on two cores the UI's start-up
    /// kept that tier running for seconds, so the runtime settings rnntui ships with turn it off.
    /// </summary>
    [Fact]
    public void RuntimeConfig_TurnsOffDynamicPgo()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rnntui.runtimeconfig.json")))!;

        Assert.False(config["runtimeOptions"]!["configProperties"]!["System.Runtime.TieredPGO"]!.GetValue<bool>());
    }

    [Fact]
    public void GradCheck_DefaultCorpus_ExitsZero()
    {
        var (code, output, error) = RunRnntui(["gradcheck"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainHeadless_Interrupted_StopsCleanlyWithTheSummary()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var (exitCode, lines) = InterruptAtFirstProgressLine(["train", "--headless", "--corpus", corpus,
            "--hidden", "8", "--steps", "0", "--progress-interval", "100", "--sample-interval", "1000000", "--runs-dir", folder.Path]);

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.StartsWith("stopped at update step ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("lowest smooth loss ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("----- 1000 characters from the best parameters", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("checkpoint at update step ", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(folder.Path, "latest.rnnck", SearchOption.AllDirectories));
    }

    /// <summary>The built rnntui beside the tests, with its output and errors captured.</summary>
    internal static ProcessStartInfo StartInfo(IEnumerable<string> arguments) =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, "rnntui.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

    /// <summary>
    /// Starts rnntui, sends SIGINT when it prints its first progress line, and waits for it to stop (failing the test
    /// after 30 s); returns its exit code and every line it printed.
    /// </summary>
    internal static (int ExitCode, List<string> Lines) InterruptAtFirstProgressLine(IEnumerable<string> arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("step ", StringComparison.Ordinal))
            {
                Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                break;
            }
        }

        lines.AddRange(process.StandardOutput.ReadToEnd().Split('\n'));
        Assert.True(process.WaitForExit(30_000), "rnntui did not stop after SIGINT");
        return (process.ExitCode, lines);
    }

    internal static (int Code, string Output, string Error) RunRnntui(IEnumerable<string> arguments)
    {
        var start = StartInfo(arguments);
        start.RedirectStandardInput = true;
        return RunToEnd(start);
    }

    /// <summary>
    /// Runs a process whose output and error are redirected to its end (killed after <paramref name="seconds"/>) and
    /// returns what it wrote.
    /// </summary>
    internal static (int Code, string Output, string Error) RunToEnd(ProcessStartInfo start, int seconds = 60)
    {
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(seconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rnntui did not exit within {seconds} s");
        }

        return (process.ExitCode, output, error.Result);
    }
}
