using System.Text.RegularExpressions;
using RnnTui.Commands;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// <c>rnntui plugins check NAME</c> on the plugins that ship, the models (the built-in <c>rnn</c> among them) too: every
/// check passes or says why it does not apply, and the command exits 0; a name that is not installed, or an option of
/// another plugin, is one line and exit code 2 (a * in an expected message stands for other plugins' names).
/// </summary>
public sealed class PluginsCheckTests
{
    private const string Optimizer = "PASS discovery|PASS settings read|PASS unknown key|PASS bad values|PASS state buffers|PASS resume|PASS out-of-place step|PASS ranges|PASS clipping|PASS zero gradients|PASS learning rate|PASS loss falls";

    private const string Model = "PASS discovery|PASS settings read|PASS unknown key|PASS bad values|PASS shape|PASS kernel|PASS gradient check|PASS loss and step|PASS resume identity|PASS agreement|PASS argument checks|PASS no allocation per call";

    public static TheoryData<string, string, string> BuiltIns => new()
    {
        { "adagrad", Optimizer, "optimizer adagrad conforms: 12 passed, 0 failed, 0 skipped" },
        { "sgd", Optimizer, "optimizer sgd conforms: 12 passed, 0 failed, 0 skipped" },
        {
            "managed",
            "PASS discovery|PASS supported|SKIP settings read|PASS unknown key|SKIP bad values|PASS element type|PASS gradient check|PASS agreement with managed|PASS Loss and Step|SKIP no allocation per update"
                + "|PASS batched MaxBatchSize|PASS batched agreement with sequences one at a time|PASS batched gradient check|PASS batched argument checks|SKIP batched no allocation per call|SKIP matrix products",
            "backend managed conforms: 11 passed, 0 failed, 5 skipped"
        },
        {
            "simd",
            "PASS discovery|PASS supported|PASS settings read|PASS unknown key|SKIP bad values|PASS element type|PASS gradient check|PASS agreement with managed|PASS Loss and Step|PASS no allocation per update"
                + "|PASS batched MaxBatchSize|PASS batched agreement with sequences one at a time|PASS batched gradient check|PASS batched argument checks|PASS batched no allocation per call|PASS matrix products",
            "backend simd conforms: 15 passed, 0 failed, 1 skipped"
        },
        {
            "simd --precision f32",
            "PASS discovery|PASS supported|PASS settings read|PASS unknown key|SKIP bad values|PASS element type|SKIP gradient check|PASS agreement with managed|PASS Loss and Step|PASS no allocation per update"
                + "|PASS batched MaxBatchSize|PASS batched agreement with sequences one at a time|SKIP batched gradient check|PASS batched argument checks|PASS batched no allocation per call|PASS matrix products",
            "backend simd conforms: 13 passed, 0 failed, 3 skipped"
        },
        {
            "lstm",
            Model,
            "model lstm conforms: 12 passed, 0 failed, 0 skipped"
        },
        {
            "gru --layers 2 --dropout 0.3",
            Model,
            "model gru conforms: 12 passed, 0 failed, 0 skipped"
        },
        {
            "rnn",
            "PASS discovery|SKIP settings read|PASS unknown key|SKIP bad values|PASS shape|PASS kernel|PASS gradient check|PASS loss and step|PASS resume identity|PASS agreement|PASS argument checks|SKIP no allocation per call",
            "model rnn conforms: 9 passed, 0 failed, 3 skipped"
        },
        {
            "textfile",
            "PASS discovery|PASS reads|PASS cancellation|PASS missing file|PASS folder|PASS empty file|PASS not text|PASS size limit",
            "corpus textfile conforms: 8 passed, 0 failed, 0 skipped"
        },
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Check_BuiltInPlugin_EveryCheckPassesOrSaysWhyItDoesNotApply(string arguments, string outcomes, string summary)
    {
        var (code, output, error) = CliTests.Run(["plugins", "check", .. arguments.Split(' ')]);

        Assert.Equal("", error);
        // The whole report on failure, so that a check failing on another processor says which and why.
        Assert.True(code == RnnTuiApp.Ok, $"exit code {code}:\n{output}");
        Assert.Equal(outcomes.Split('|'), CheckOutput.Outcomes(output));
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^(optimizer|backend|corpus|model) \w+ \d+\.\d+\.\d+, /.*\.dll$", lines[0]);
        Assert.Equal(summary, lines[^1]);
        Assert.Equal(outcomes.Split('|').Length + 2, lines.Length);
    }

    [Fact]
    public void Check_Float32Kernels_SaySoAndAreHeldToFloat32Precision()
    {
        var (_, output, _) = CliTests.Run(["plugins", "check", "simd", "--precision", "f32"]);

        Assert.StartsWith("the kernels compute in f32 (settings: precision=f32)", CheckOutput.Detail(output, "element type"), StringComparison.Ordinal);
        Assert.Contains("within 1e-4 of the largest element", CheckOutput.Detail(output, "agreement with managed"), StringComparison.Ordinal);
        Assert.Contains("centred differences need float64", CheckOutput.Detail(output, "gradient check"), StringComparison.Ordinal);
        Assert.Contains("within 1e-4 of the largest element", CheckOutput.Detail(output, "batched agreement with sequences one at a time"), StringComparison.Ordinal);
        Assert.Contains("centred differences need float64", CheckOutput.Detail(output, "batched gradient check"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Model_ItsOptionsApplyAndTheManagedBackendIsItsReference()
    {
        var (_, output, _) = CliTests.Run(["plugins", "check", "lstm", "--layers", "2", "--dropout", "0.3"]);

        Assert.Contains("the same masks for both differences (settings: dropout=0.3, layers=2)", CheckOutput.Detail(output, "gradient check"), StringComparison.Ordinal);
        Assert.StartsWith("simd agrees with managed: f64 (computing in f64): 9 sequences, 12 batches of B = 1, 2, 3, 8, largest relative difference ", CheckOutput.Detail(output, "agreement"), StringComparison.Ordinal);
        Assert.StartsWith("the kernel is the managed backend's own", CheckOutput.Detail(CliTests.Run(["plugins", "check", "rnn"]).Output, "no allocation per call"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plugins check nosuchplugin", "rnntui: unknown plugin 'nosuchplugin'; installed: adagrad, *managed, *simd, *textfile")]
    [InlineData("plugins check adagrad --precision f32", "rnntui: --precision does not apply to optimizer adagrad")]
    [InlineData("plugins check adagrad --eta 0", "rnntui: --eta must be a number > 0, was '0'")]
    [InlineData("plugins check", "rnntui: Required argument 'NAME' missing for command: 'check'.")]
    public void Check_UsageError_OneLineAndExitCode2(string arguments, string message)
    {
        var (code, output, error) = CliTests.Run(arguments.Split(' '));

        Assert.Equal(RnnTuiApp.BadInput, code);
        Assert.Matches("^" + string.Join(".*", message.Split('*').Select(Regex.Escape)) + "\n$", error);
        Assert.Equal("", output);
    }
}
