namespace RnnTui.Tests.Cli;

/// <summary>Help, version and shell completion, as System.CommandLine gives them from the commands and settings definitions.</summary>
public sealed class HelpTests
{
    private static readonly string[] Names = ["", "train", "gradcheck", "bench", "sample", "report", "runs", "plugins", "settings", "completion"];

    public static TheoryData<string> Commands => new(Names);

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_OfEveryCommand_FitsEightyColumns(string command)
    {
        var (code, output, error) = CliTests.Run(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void Help_ListsEveryCommand_AndThePluginsOptionsWithThePluginsThatTakeThem()
    {
        var (_, output, _) = CliTests.Run(["--help"]);

        foreach (var command in Names.Where(c => c.Length > 0))
        {
            Assert.Matches($@"\n  {command}\b", output);
        }

        Assert.Contains("--eta <X>", output, StringComparison.Ordinal);
        Assert.Contains("(adagrad, adam, rmsprop, sgd)", output, StringComparison.Ordinal);
        Assert.Contains("--corpus <PATH>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsCommandsAndOptions()
    {
        var (code, output, _) = CliTests.Run(["--help"]);

        Assert.Equal(0, code);
        foreach (var option in new[] { "--corpus <PATH>", "--optimizer <NAME>", "--backend <NAME>", "--eta <X>", "--hidden <M>", "--seq-length <N>", "--sigma <S>", "--seed <N>", "--clip <C>", "--steps <N>", "--epochs <N>" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_PrintsTheNameAndVersion()
    {
        var (code, output, _) = CliTests.Run(["--version"]);

        Assert.Equal(0, code);
        Assert.Matches(@"^rnntui \d+\.\d+\.\d+\n$", output);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _rnntui_complete rnntui")]
    [InlineData("zsh", "compdef _rnntui_complete rnntui")]
    public void Completion_PrintsAScriptThatAsksRnntuiThroughTheSuggestDirective(string shell, string registers)
    {
        var (code, output, _) = CliTests.Run(["completion", shell]);

        Assert.Equal(0, code);
        Assert.Contains(registers, output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rnntui tra", "train")]
    [InlineData("rnntui train --ep", "--epochs")]
    [InlineData("rnntui train --et", "--eta")]
    [InlineData("rnntui sample --to", "--top-k")]
    public void Suggest_CompletesCommandsOptionsAndPluginOptions(string line, string expected)
    {
        var (code, output, _) = CliTests.Run([$"[suggest:{line.Length}]", line]);

        Assert.Equal(0, code);
        Assert.Contains(expected, output.Split('\n'));
    }

    [Fact]
    public void Completion_UnknownShell_OneLineAndExitCode2()
    {
        var (code, _, error) = CliTests.Run(["completion", "fish"]);

        Assert.Equal(2, code);
        Assert.Equal("rnntui: completion for 'fish' is not available; choose bash or zsh\n", error);
    }
}
