using RnnTui.Commands;
using RnnTui.Text;

namespace RnnTui.Tests.Cli;

/// <summary>Text from a corpus or a model never reaches a terminal raw.</summary>
public sealed class SafeOutputTests
{
    private const string Hostile = "ls\u001b[2J\u001b]0;owned\u0007 ok\r\nbell\u0007 del\u007f csi\u009b bidi\u202e end\t.\n";

    [Fact]
    public void Escape_ControlCharactersBecomeVisibleSymbols()
    {
        Assert.Equal("ls␛[2J␛]0;owned␇ ok␍\nbell␇ del␡ csi¤ bidi¤ end .\n", SafeText.Escape(Hostile));
        Assert.Equal("a␤b", SafeText.Escape("a\nb", keepNewlines: false));
        Assert.Equal("emoji \U0001F600 kept", SafeText.Escape("emoji \U0001F600 kept"));
        Assert.Equal("lone \uFFFD half", SafeText.Escape("lone \uD800 half"));
    }

    [Fact]
    public void HeadlessTraining_OnACorpusFullOfEscapes_PrintsNoControlCharacterToATerminal()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("hostile.txt", string.Concat(Enumerable.Repeat(Hostile, 30)));

        var terminal = Run(corpus, isTerminal: true, raw: false);
        var pipe = Run(corpus, isTerminal: false, raw: false);
        var forcedRaw = Run(corpus, isTerminal: true, raw: true);

        Assert.DoesNotContain(terminal, c => c < ' ' && c != '\n');
        Assert.DoesNotContain(terminal, c => c is '\u007f' or (>= '\u0080' and <= '\u009f') or '\u202e');
        Assert.Contains('␛', terminal);
        Assert.Contains(pipe, c => c == '\u001b');
        Assert.Contains(forcedRaw, c => c == '\u001b');
    }

    [Fact]
    public void HeadlessTrainingAndSample_HostilePathsAndNames_NoControlCharacterReachesATerminal()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("evil\u001b]0;pwned\u0007\u009b.txt", TestData.SmallCorpus);
        var runs = Path.Combine(folder.Path, "runs\u001b[2J");
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CommandConsole(output, error, IsTerminal: true);

        Assert.Equal(0, RnnTuiApp.Run(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "20", "--runs-dir", runs, "--run", "r"], console));
        Assert.Equal(0, RnnTuiApp.Run(["sample", "r", "--runs-dir", runs, "--length", "50", "--prime", "The", "--seed", "1"], console));
        Assert.Equal(2, RnnTuiApp.Run(["sample", "r", "--runs-dir", runs, "--prime", "\u001b[31m"], console));

        foreach (var text in new[] { output.ToString(), error.ToString() })
        {
            Assert.DoesNotContain(text, c => c < ' ' && c != '\n');
            Assert.DoesNotContain(text, c => c is '\u007f' or (>= '\u0080' and <= '\u009f'));
        }

        Assert.Contains("corpus " + folder.Path + "/evil␛]0;pwned␇¤.txt", output.ToString(), StringComparison.Ordinal);
    }

    private static string Run(string corpus, bool isTerminal, bool raw)
    {
        var output = new StringWriter { NewLine = "\n" };
        var runs = Path.Combine(Path.GetDirectoryName(corpus)!, "runs");
        string[] args = ["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "30", "--sample-interval", "10", "--sample-length", "300", "--runs-dir", runs, .. raw ? new[] { "--raw" } : []];
        var code = RnnTuiApp.Run(args, new CommandConsole(output, new StringWriter(), isTerminal));
        Assert.Equal(0, code);
        return output.ToString();
    }
}
