using System.Diagnostics;
using System.Text.Json;
using RnnTui.Commands;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Tests.Cli;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Settings;

/// <summary>
/// Settings are defined once, in the settings records and the plugins' definitions: binding, the checks, the
/// sources named in messages, run.json, the shipped plugins.json and <c>rnntui settings</c> all follow them.
/// </summary>
public sealed class SettingsTests(ExternalPluginBuild build) : IClassFixture<ExternalPluginBuild>
{
    [Fact]
    public void SettingsCommand_NamesWhereEachValueComesFrom()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("other.json", ShippedJson().Replace("\"Clip\": 5", "\"Clip\": 2", StringComparison.Ordinal));

        var (code, output, error) = Run(["settings", "--config", config, "--hidden", "50", "--eta", "0.05"], ("RNNTUI_Model__Seed", "3"));

        Assert.True(code == 0, error);
        Assert.Matches(@"\nModel:Hidden +50 +--hidden\n", output);
        Assert.Matches(@"\nModel:Seed +3 +environment variable RNNTUI_Model__Seed\n", output);
        Assert.Matches(@"\nTraining:Clip +2 +other\.json\n", output);
        Assert.Matches(@"\nSettings:adagrad:eta +0\.05 +--eta\n", output);
        Assert.Matches(@"\nSettings:textfile:maxBytes +268435456 +default\n", output);
    }

    [Fact]
    public void EnvironmentVariable_BadValue_NamedAsTheVariable()
    {
        var (code, output, error) = Run(["gradcheck"], ("RNNTUI_Model__SeqLength", "abc"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("rnntui: environment variable RNNTUI_Model__SeqLength must be a whole number between 1 and 100000, was 'abc'\n", error);
    }

    [Fact]
    public void EnvironmentVariable_UnknownSetting_RefusedLikeAnUnknownKey()
    {
        var (code, _, error) = Run(["gradcheck"], ("RNNTUI_Model__Hiddn", "5"));

        Assert.Equal(2, code);
        Assert.Equal("rnntui: environment variable RNNTUI_Model__Hiddn: unknown setting 'Model:Hiddn' (known in Model: Hidden, SeqLength, Sigma, Init, Seed)\n", error);
    }

    [Fact]
    public void OtherSettingsFile_ErrorsNameThatFile()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("other.json", ShippedJson().Replace("\"SeqLength\": 25", "\"SeqLength\": -3", StringComparison.Ordinal));

        var error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config));

        Assert.Equal("other.json: Model:SeqLength must be a whole number between 1 and 100000, was '-3'", error.Message);
    }

    [Fact]
    public void ShippedPluginsJson_HoldsExactlyTheDefaultsOfTheSettingsRecords_ButNoLimit()
    {
        using var document = JsonDocument.Parse(ShippedJson());

        // A limit in the settings file is a limit the UI keeps: without one it trains until stopped, headless to 100,000.
        string[] limits = ["Training:Steps", "Training:Epochs"];
        foreach (var limit in limits)
        {
            Assert.False(document.RootElement.GetProperty("Training").TryGetProperty(limit.Split(':')[1], out _), limit);
        }

        foreach (var setting in SettingsDefinitions.All.Where(s => !limits.Contains(s.Key)))
        {
            var value = document.RootElement.GetProperty(setting.Section).GetProperty(setting.Property.Name);
            var text = setting.IsList ? string.Join(", ", value.EnumerateArray().Select(e => e.GetString())) : value.ToString();
            var parsed = setting.IsList ? text : HostSetting.Text(SettingValue.Parse(setting.Definition, text));
            Assert.True(setting.Definition.DefaultValue == parsed, $"{setting.Key}: plugins.json has {text}, the record's default is {setting.Definition.DefaultValue}");
        }
    }

    [Fact]
    public void RunJson_RecordsEverySettingDefinedAndEveryPluginSetting_DefaultsIncluded()
    {
        using var bed = new Runs.RunBed();
        bed.Train("r", 5);

        using var manifest = JsonDocument.Parse(File.ReadAllText(bed.RunPath("r", "run.json")));
        var settings = manifest.RootElement.GetProperty("settings");
        foreach (var setting in SettingsDefinitions.All)
        {
            Assert.True(settings.GetProperty(setting.Section).TryGetProperty(setting.Property.Name, out _), setting.Key);
        }

        Assert.Equal("0.1", settings.GetProperty("Settings").GetProperty("adagrad").GetProperty("eta").GetString());
        Assert.Equal("268435456", settings.GetProperty("Settings").GetProperty("textfile").GetProperty("maxBytes").GetString());
        Assert.Equal(bed.Corpus, settings.GetProperty("Settings").GetProperty("textfile").GetProperty("path").GetString());
    }

    [Fact]
    public void PluginOption_SetsTheSettingOfThePluginSelected()
    {
        var settings = TestData.Settings("--optimizer", "sgd", "--eta", "0.05");

        Assert.Equal("0.05", settings.For("sgd").GetString("eta"));
        Assert.Equal("0.1", settings.For("adagrad").GetString("eta"));
    }

    [Fact]
    public void PluginOption_SelectedPluginDoesNotTakeIt_Refused()
    {
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());

        var error = Assert.Throws<UsageException>(() => SettingsCommand.Load(["--optimizer", "flaky", "--eta", "0.05"], catalog));

        Assert.Equal("--eta does not apply to the plugins selected (optimizer flaky, backend simd, corpus textfile, model rnn)", error.Message);
    }

    [Fact]
    public void PluginWithoutDefinitions_KeyItNeverRead_ReportedAsUnknown()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var config = folder.File("plugins.json", ShippedJson().Replace("\"sgd\": {", "\"flaky\": { \"rate\": 3 }, \"sgd\": {", StringComparison.Ordinal));
        var catalog = PluginCatalog.Discover([build.Root], new HashSet<string>());
        var settings = SettingsCommand.Load(["--config", config, "--optimizer", "flaky", "--corpus", corpus, "--hidden", "8"], catalog);

        var error = Assert.Throws<UsageException>(() => Catalog.Trainer(settings, catalog: catalog));

        Assert.Equal("plugins.json: unknown key 'Settings:flaky:rate' (flaky did not read it)", error.Message);
    }

    [Fact]
    public void UnknownKeyWithAnEscapedNewline_NamedOnOneLine()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("plugins.json", "{ \"Training\": { \"Sample\\nLength\": 200 } }");

        var error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config));

        Assert.StartsWith("plugins.json: unknown key 'Training:Sample\\nLength' (known in Training: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PluginDefinitions_CheckedByTheHost_WithTheirRanges()
    {
        var error = Assert.Throws<UsageException>(() => TestData.Settings("--optimizer", "sgd", "--eta", "0"));
        Assert.Equal("--eta must be a number > 0, was '0'", error.Message);

        using var folder = TestData.TempFolder();
        var config = folder.File("plugins.json", ShippedJson().Replace("\"momentum\": 0.9", "\"momentum\": 1", StringComparison.Ordinal));
        error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config));
        Assert.Equal("plugins.json: Settings:sgd:momentum must be a number >= 0 and < 1, was '1'", error.Message);
    }

    [Fact]
    public void Readme_SettingsTable_IsTheOneTheDefinitionsWrite()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "README.md"));
        var start = readme.IndexOf("<!-- settings table", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- end of settings table", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no settings table between its markers");
        var table = readme[(readme.IndexOf('\n', start) + 1)..end];

        var expected = SettingsCommand.Markdown(Catalog.Instance);
        Assert.True(expected == table, $"README.md's settings table is out of date; put this between its markers (rnntui settings --markdown):\n{expected}");
    }

    private static string ShippedJson() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json"))
            .Replace("\"corpora/lanterns.txt\"", $"\"{Path.Combine(AppContext.BaseDirectory, "corpora", "lanterns.txt")}\"", StringComparison.Ordinal);

    /// <summary>rnntui in a process of its own, with extra environment variables.</summary>
    internal static (int Code, string Output, string Error) Run(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = ProcessTests.StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "rnntui did not exit");
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
