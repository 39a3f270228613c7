using System.Text.Json;
using RnnTui.Commands;
using RnnTui.Plugins;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// A plugin that throws anything but PluginInputException, from any member the host calls, is one line naming the
/// plugin and what it was doing, exit code 1, never a stack trace, in every command that uses it; a constructor or
/// Settings that throws is a load problem, and selecting that plugin says so.
/// </summary>
public sealed class ThrowingPluginTests(ThrowingPluginBuild build) : IClassFixture<ThrowingPluginBuild>
{
    /// <summary>
    /// Kind, name, the line train and the UI print, the line gradcheck prints when it differs ({dll}: the plugin's
    /// DLL), and whether the failure comes while the run opens (before the interactive trainer takes the terminal).
    /// </summary>
    private static readonly (string Kind, string Name, string Message, string? GradCheck, bool WhileOpening)[] Table =
    [
        ("Optimizer", "boom", "optimizer boom failed in Create: InvalidOperationException: boom", null, true),
        ("Optimizer", "ctorboom", "optimizer ctorboom did not load: constructor failed: InvalidOperationException: no licence ({dll}; see rnntui plugins)", null, true),
        ("Optimizer", "settingsboom", "optimizer settingsboom did not load: failed in Settings: InvalidOperationException: settings lost ({dll}; see rnntui plugins)", null, true),
        ("Backend", "unsupportedboom", "backend unsupportedboom failed in IsSupported: InvalidOperationException: no CPUID", null, true),
        ("Backend", "elementboom", "backend elementboom failed in ElementType: InvalidOperationException: no type", null, true),
        ("Backend", "kernelboom", "backend kernelboom failed in CreateKernel: InvalidOperationException: out of GPU memory", null, true),

        // The kernel's methods run once training has started (in the UI: PluginFaultUiTests).
        ("Backend", "brokenkernel", "backend brokenkernel failed in Step: InvalidOperationException: kernel broke", "backend brokenkernel failed in ForwardBackward: InvalidOperationException: kernel broke", false),
        ("Corpus", "readboom", "corpus readboom failed in Read: InvalidOperationException: disk gone", null, true),
    ];

    public static TheoryData<string, string, string> TrainCases => Data(Table.Select(c => (c.Kind, c.Name, c.Message)));

    public static TheoryData<string, string, string> GradCheckCases => Data(Table.Select(c => (c.Kind, c.Name, c.GradCheck ?? c.Message)));

    public static TheoryData<string, string, string> OpeningCases => Data(Table.Where(c => c.WhileOpening).Select(c => (c.Kind, c.Name, c.Message)));

    [Theory]
    [MemberData(nameof(TrainCases))]
    public void TrainHeadless_PluginThrows_OneLineNamingThePluginAndExit1(string kind, string name, string message)
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder, kind, name);

        var (code, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--hidden", "8", "--steps", "5", "--runs-dir", Path.Combine(folder.Path, "runs")]);

        Assert.Equal($"rnntui: {Expected(message)}\n", error);
        Assert.Equal(RnnTuiApp.Failed, code);
    }

    [Theory]
    [MemberData(nameof(GradCheckCases))]
    public void GradCheck_PluginThrows_OneLineNamingThePluginAndExit1(string kind, string name, string message)
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder, kind, name);

        var (code, output, error) = CliTests.Run(["gradcheck", "--config", config]);

        Assert.Equal($"rnntui: {Expected(message)}\n", error);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(RnnTuiApp.Failed, code);
    }

    /// <summary>The interactive trainer opens its run before it takes the terminal: a plugin failing there is the same one line.</summary>
    [Theory]
    [MemberData(nameof(OpeningCases))]
    public void InteractiveTrainer_PluginThrowsWhileTheRunOpens_ThePluginsFailureBeforeTheTerminalIsTaken(string kind, string name, string message)
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder, kind, name);
        var console = new CommandConsole(TextWriter.Null, TextWriter.Null, IsTerminal: false);

        var error = Record.Exception(() =>
        {
            using var host = TrainCommand.CreateHost(["--config", config, "--hidden", "8", "--runs-dir", Path.Combine(folder.Path, "runs")], console);
            host.StartAsync().GetAwaiter().GetResult();
            host.StopAsync().GetAwaiter().GetResult();
        });

        var failure = Assert.IsType<PluginException>(error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error);
        Assert.Equal(Expected(message), failure.Message);
    }

    /// <summary>The real executable: a crash would be exit code 134 and a stack trace on standard error.</summary>
    [Theory]
    [InlineData("train", "Optimizer", "boom", "optimizer boom failed in Create: InvalidOperationException: boom")]
    [InlineData("gradcheck", "Backend", "brokenkernel", "backend brokenkernel failed in ForwardBackward: InvalidOperationException: kernel broke")]
    [InlineData("train", "Corpus", "readboom", "corpus readboom failed in Read: InvalidOperationException: disk gone")]
    public void Process_PluginThrows_OneLineAndExit1(string command, string kind, string name, string message)
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder, kind, name);
        string[] train = ["--headless", "--hidden", "8", "--steps", "5", "--runs-dir", Path.Combine(folder.Path, "runs")];

        var (code, _, error) = ProcessTests.RunRnntui([command, "--config", config, .. command == "train" ? train : []]);

        Assert.Equal($"rnntui: {message}\n", error);
        Assert.Equal(1, code);
    }

    [Fact]
    public void PluginsCommand_ConstructorAndSettingsThatThrow_ListedAsLoadProblemsNamingThePlugin()
    {
        using var folder = TestData.TempFolder();
        var config = Config(folder, "Optimizer", "sgd");

        var (code, output, _) = CliTests.Run(["plugins", "--config", config]);

        Assert.Equal(RnnTuiApp.Ok, code);
        Assert.Contains($"  {build.Dll} (Throwing.CtorBoom): optimizer ctorboom: constructor failed: InvalidOperationException: no licence\n", output, StringComparison.Ordinal);
        Assert.Contains($"  {build.Dll} (Throwing.SettingsBoom): optimizer settingsboom: failed in Settings: InvalidOperationException: settings lost\n", output, StringComparison.Ordinal);
        Assert.Matches(@"optimizer +boom +", output);
    }

    private static TheoryData<string, string, string> Data(IEnumerable<(string, string, string)> rows)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (a, b, c) in rows)
        {
            data.Add(a, b, c);
        }

        return data;
    }

    private string Expected(string message) => message.Replace("{dll}", build.Dll, StringComparison.Ordinal);

    /// <summary>A settings file that loads the throwing plugins and selects <paramref name="name"/> for its kind, on a small corpus.</summary>
    private string Config(TempFolder folder, string kind, string name)
    {
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var plugins = new Dictionary<string, object> { ["Folders"] = new[] { build.Root }, [kind] = name };
        var settings = new Dictionary<string, object>
        {
            ["Plugins"] = plugins,
            ["Settings"] = new Dictionary<string, object> { ["textfile"] = new Dictionary<string, string> { ["path"] = corpus } },
        };
        return folder.File("plugins.json", JsonSerializer.Serialize(settings));
    }
}
