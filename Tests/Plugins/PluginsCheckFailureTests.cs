using RnnTui.Commands;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// <c>rnntui plugins check</c> on plugins built outside the solution that each break something the host relies on:
/// the checks of that and only that fail, with a detail that says what was seen, and the command exits 1. The README's
/// example optimizer, and a corpus that reads no file, pass.
/// </summary>
[Collection(NonconformingPluginCollection.Name)]
public sealed class PluginsCheckFailureTests(NonconformingPluginBuild build)
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "resizing", "state buffers|resume", "state buffers", "for 17 parameters the state was steps[1] when created and steps[2] after step 1" },
        { "drifting", "zero gradients", "zero gradients", "for 1 parameter, zero gradients moved a parameter at step 1" },
        { "splitstep", "out-of-place step", "out-of-place step", " out of place differs from in place, element " },
        { "misranged", "ranges", "ranges", " in the ranges [0, " },
        { "forgetful", "resume", "resume", "all the optimizer's state (a step count too) must be in its State buffers" },
        { "wronggrad", "gradient check|agreement with managed", "gradient check", "max relative error 9.9e-3, over the threshold 1e-5, at K = " },
        { "wronggrad", "gradient check|agreement with managed", "agreement with managed", "dW at K = 9, m = 1, n = 1, element 0: " },
        { "allocating", "no allocation per update", "no allocation per update", "an update must allocate nothing once warm" },
        { "lossdisagrees", "agreement with managed|Loss and Step", "Loss and Step", "Loss against ForwardBackward's loss at K = 9, m = 1, n = 1: " },
        { "deafsettings", "settings read|bad values", "settings read", "threads not read by CreateKernel(shape, maxSequenceLength, settings)" },
        { "deafsettings", "settings read|bad values", "bad values", "threads = not-a-number accepted; threads = 1.5 accepted; threads = 0 accepted" },
        { "deaf", "cancellation", "cancellation", "Read returned with an already cancelled token" },
        { "careless", "missing file|folder|empty file|not text", "missing file", "a missing file threw FileNotFoundException: " },
        { "careless", "missing file|folder|empty file|not text", "empty file", "an empty file was read without complaint" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_PluginThatBreaksARule_ThoseChecksFailAndExitCode1(string name, string failed, string check, string detail)
    {
        var (code, output, error) = CliTests.Run(["plugins", "check", name, "--config", build.Config]);

        Assert.Equal("", error);
        Assert.Equal(failed.Split('|'), CheckOutput.Failed(output));
        Assert.Contains(detail, CheckOutput.Detail(output, check), StringComparison.Ordinal);
        Assert.Matches($@"\n\w+ {name} does not conform: \d+ passed, {failed.Split('|').Length} failed, \d+ skipped\n$", output);
        Assert.Equal(RnnTuiApp.Failed, code);
    }

    [Fact]
    public void Check_TheReadmeExampleOptimizer_Conforms()
    {
        var (code, output, _) = CliTests.Run(["plugins", "check", "heavyball", "--config", build.Config]);

        Assert.Equal(
            ["PASS discovery", "PASS settings read", "PASS unknown key", "PASS bad values", "PASS state buffers", "PASS resume", "SKIP out-of-place step", "SKIP ranges", "SKIP clipping", "PASS zero gradients", "SKIP learning rate", "PASS loss falls"],
            CheckOutput.Outcomes(output));
        Assert.Equal(RnnTuiApp.Ok, code);
    }

    [Fact]
    public void Check_CorpusWithoutAPathSetting_FileChecksSkippedNamingTheConvention()
    {
        var (code, output, _) = CliTests.Run(["plugins", "check", "fixedtext", "--config", build.Config]);

        Assert.Equal(
            ["PASS discovery", "PASS reads", "PASS cancellation", "SKIP missing file", "SKIP folder", "SKIP empty file", "SKIP not text", "SKIP size limit"],
            CheckOutput.Outcomes(output));
        Assert.Equal(
            "it defines no Path setting; a corpus that reads a file defines one (SettingDefinition.Path), and is then given a missing file, to be refused with PluginInputException",
            CheckOutput.Detail(output, "missing file"));
        Assert.Equal(RnnTuiApp.Ok, code);
    }
}
