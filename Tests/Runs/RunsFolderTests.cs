using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Runs;

/// <summary>A runs folder that cannot hold runs is one line naming it and exit code 2, never a stack trace.</summary>
public sealed class RunsFolderTests
{
    public static TheoryData<string> Unusable => new(["file", "/proc/nope", "/proc/self"]);

    [Theory]
    [MemberData(nameof(Unusable))]
    public void HeadlessTraining_UnusableRunsFolder_OneLineAndExitCode2(string where)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = where == "file" ? folder.File("not-a-folder", "") : where;

        var (code, output, error) = ProcessTests.RunRnntui(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "5", "--runs-dir", runs]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"rnntui: cannot create a run folder in {runs}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void InteractiveTrainer_UnusableRunsFolder_OneLineBeforeTheTerminalIsTakenOver()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var runs = folder.File("not-a-folder", "");
        var output = new StringWriter();

        var error = Assert.Throws<RnnTui.Settings.UsageException>(() =>
        {
            using var host = RnnTui.Commands.TrainCommand.CreateHost(["--corpus", corpus, "--hidden", "8", "--runs-dir", runs], new RnnTui.Commands.CommandConsole(output, output, false));
            host.StartAsync().GetAwaiter().GetResult();
        });

        Assert.StartsWith($"cannot create a run folder in {runs}: ", error.Message, StringComparison.Ordinal);
    }
}
