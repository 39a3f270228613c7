using System.Diagnostics;

namespace RnnTui.Tests.Cli;

/// <summary>The real executable, as a user runs it.</summary>
public sealed class ProcessTests
{
    [Theory]
    [InlineData("--eta -1", "rnntui: --eta must be a number > 0, was '-1'")]
    [InlineData("train --headless --hidden 0", "rnntui: --hidden must be a whole number >= 1, was '0'")]
    [InlineData("frobnicate", "rnntui: unknown command 'frobnicate' (try rnntui --help)")]
    [InlineData("gradcheck --corpus /nonexistent/goblet_book.txt", "rnntui: corpus file not found: /nonexistent/goblet_book.txt")]
    public void BadInput_OneLineOnStandardErrorAndExitCode2(string arguments, string message)
    {
        var (code, output, error) = RunRnntui(arguments.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal(message + "\n", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void GradCheck_DefaultCorpus_ExitsZero()
    {
        var (code, output, error) = RunRnntui(["gradcheck"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) RunRnntui(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "rnntui.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rnntui did not exit within 60 s");
        }

        return (process.ExitCode, output, error.Result);
    }
}
