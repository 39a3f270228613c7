using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Tests.Cli;
using RnnTui.Tests.Optimizers;
using RnnTui.Tests.Runs;

namespace RnnTui.Tests.Settings;

/// <summary>
/// Presets: named settings in the settings file's <c>Presets</c> section, chosen with <c>--preset NAME</c>, a layer
/// above the file and beneath the environment and the command line; <c>report</c> is the assignment exactly.
/// </summary>
public sealed class PresetTests
{
    [Fact]
    public void Preset_OverridesTheFile_OptionsOverrideThePreset()
    {
        var plain = TestData.Settings();
        var best = TestData.Settings("--preset", "best");
        var overridden = TestData.Settings("--preset", "best", "--eta", "0.01", "--init", "xavier");

        Assert.Equal("adagrad", plain.Plugins.Optimizer);
        Assert.Null(plain.Preset);
        Assert.Equal("best", best.Preset);
        Assert.Equal("adam", best.Plugins.Optimizer);
        Assert.Equal("cosine", best.LearningRate.Schedule);
        Assert.Equal("0.002", best.PluginValues["adam"]["eta"]);
        Assert.Equal("0.01", overridden.PluginValues["adam"]["eta"]);
        Assert.Equal("xavier", overridden.Model.Init);
        Assert.Equal("cosine", overridden.LearningRate.Schedule);
    }

    [Fact]
    public void FastPreset_AdamAtBatchFourOnOneThreadInFloat32()
    {
        var (code, output, error) = Run(["settings", "--preset", "fast"]);

        Assert.True(code == 0, error);
        Assert.Matches(@"(?m)^Plugins:Optimizer +adam +preset fast$", output);
        Assert.Matches(@"(?m)^Plugins:Backend +simd +preset fast$", output);
        Assert.Matches(@"\nSettings:adam:eta +0\.005 +preset fast\n", output);
        Assert.Matches(@"\nSettings:simd:precision +f32 +preset fast\n", output);
        Assert.Matches(@"\nTraining:Batch +4 +preset fast\n", output);
        Assert.Matches(@"\nTraining:Threads +1 +preset fast\n", output);
        Assert.Matches(@"\nLearningRate:Schedule +constant +preset fast\n", output);
    }

    [Fact]
    public void SettingsCommand_ShowsThePresetAsTheSource_EnvironmentAndOptionsAbove()
    {
        var (code, output, error) = Run(["settings", "--preset", "best", "--hidden", "50"], ("RNNTUI_LearningRate__FloorFactor", "0.5"));

        Assert.True(code == 0, error);
        Assert.Matches(@"(?m)^Plugins:Optimizer +adam +preset best$", output);
        Assert.Matches(@"\nSettings:adam:eta +0\.002 +preset best\n", output);
        Assert.Matches(@"\nLearningRate:Schedule +cosine +preset best\n", output);
        Assert.Matches(@"\nLearningRate:FloorFactor +0\.5 +environment variable RNNTUI_LearningRate__FloorFactor\n", output);
        Assert.Matches(@"\nModel:Hidden +50 +--hidden\n", output);
        Assert.Matches(@"\nTraining:SampleInterval +10000 +plugins\.json\n", output);
        Assert.Matches(@"\nTraining:Steps +100000 +default\n", output);
    }

    [Fact]
    public void UnknownPreset_OneLineNamingTheAvailableOnes_Exit2()
    {
        var (code, output, error) = CliTests.Run(["train", "--headless", "--preset", "fastest"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("rnntui: unknown preset 'fastest' (available: report, best, fast, lstm, gru)\n", error);
    }

    [Fact]
    public void PresetWithAnUnknownKey_RefusedNamingThePresetAndTheKey_Exit2()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("mine.json", """{ "Presets": { "quick": { "Model": { "Hiddn": 50 } } } }""");

        var (code, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--preset", "quick"]);

        Assert.Equal(2, code);
        Assert.Equal("rnntui: mine.json: preset quick: unknown key 'Model:Hiddn' (known in Model: Hidden, SeqLength, Sigma, Init, Seed)\n", error);
    }

    [Fact]
    public void PresetWithAValueOfTheWrongKind_RefusedWhenTheFileIsRead()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("mine.json", """{ "Presets": { "quick": { "Training": { "Clip": "five" } } } }""");

        var error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config));

        Assert.Equal("mine.json: preset quick: Training:Clip must be a number, was a string", error.Message);
    }

    [Fact]
    public void PresetWithAValueOutOfRange_RefusedNamingThePresetAndTheKey()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("mine.json", """{ "Presets": { "quick": { "Model": { "Hidden": 0, "Init": "uniform" } } } }""");

        var error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config, "--preset", "quick"));

        Assert.Equal("preset quick: Model:Hidden must be a whole number between 1 and 4096, was '0'", error.Message);
        Assert.Equal("mine.json", Path.GetFileName(TestData.Settings("--config", config).ConfigPath));
    }

    [Fact]
    public void FileWithoutPresets_PresetRefusedSayingSo()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("mine.json", """{ "Model": { "Hidden": 20 } }""");

        var error = Assert.Throws<UsageException>(() => TestData.Settings("--config", config, "--preset", "best"));

        Assert.Equal("unknown preset 'best' (mine.json defines none)", error.Message);
    }

    [Fact]
    public void ReportPreset_TrainsBitIdenticallyToTheDefaults()
    {
        using var bed = new RunBed();
        bed.Ok("train", "--headless", "--run", "plain", "--steps", "60");
        bed.Ok("train", "--headless", "--run", "report", "--steps", "60", "--preset", "report");

        var plain = CheckpointFormat.Read(bed.RunPath("plain", "checkpoints", "latest.rnnck"));
        var report = CheckpointFormat.Read(bed.RunPath("report", "checkpoints", "latest.rnnck"));
        BitAssert.Equal(plain.Parameters, report.Parameters, "parameters");
        BitAssert.Equal(plain.BestParameters, report.BestParameters, "best parameters");
        Assert.Equal(plain.SmoothLoss, report.SmoothLoss);
        var settings = (JsonObject)JsonNode.Parse(File.ReadAllText(bed.RunPath("report", "run.json")))!;
        var defaults = (JsonObject)JsonNode.Parse(File.ReadAllText(bed.RunPath("plain", "run.json")))!;
        Assert.Equal(defaults["settings"]!.ToJsonString(), settings["settings"]!.ToJsonString());
        Assert.Equal("report", (string?)settings["preset"]);
        Assert.Null(defaults["preset"]);
    }

    [Fact]
    public void LstmPreset_OneLayerOf128AtBatchEightOnTwoThreads_Trains()
    {
        using var bed = new RunBed();

        var settings = Run(["settings", "--preset", "lstm"]).Output;
        var output = bed.Train("lstm", 20, "--preset", "lstm");

        Assert.Matches(@"(?m)^Plugins:Model +lstm +preset lstm$", settings);
        AssertFromPreset(settings, "lstm",
            ("Settings:adam:eta", "0.003"),
            ("Model:Hidden", "128"),
            ("Model:SeqLength", "50"),
            ("Training:Batch", "8"),
            ("Training:Threads", "2"),
            ("Training:Steps", "60000"),
            ("LearningRate:Schedule", "cosine"),
            ("LearningRate:CosineUpdates", "59500"));
        Assert.Contains("model lstm (dropout=0, layers=1): m = 8, seq_length = 50", output, StringComparison.Ordinal);
        var checkpoint = CheckpointFormat.Read(bed.RunPath("lstm", "checkpoints", "latest.rnnck"));
        Assert.Equal(("lstm", 20, 8), (checkpoint.Model.Name, (int)checkpoint.Step, checkpoint.Batch));
    }

    [Fact]
    public void GruPreset_TwoLayersOf384WithDropoutAndWeightDecayInFloat32AtBatch24OnTwoThreads_Trains()
    {
        using var bed = new RunBed();

        var settings = Run(["settings", "--preset", "gru"]).Output;
        var output = bed.Train("gru", 20, "--preset", "gru");

        Assert.Matches(@"(?m)^Plugins:Model +gru +preset gru$", settings);
        AssertFromPreset(settings, "gru",
            ("Settings:adam:eta", "0.003"),
            ("Settings:adam:weightDecay", "0.1"),
            ("Settings:simd:precision", "f32"),
            ("Settings:gru:layers", "2"),
            ("Settings:gru:dropout", "0.4"),
            ("Model:Hidden", "384"),
            ("Model:SeqLength", "64"),
            ("Training:Batch", "24"),
            ("Training:Threads", "2"),
            ("Training:Steps", "8000"),
            // With --validation, the last update is one of those judged.
            ("Training:ValidationInterval", "800"),
            // A sample every 500 updates (about half a minute), so that the Samples pane shows the network learning.
            ("Training:SampleInterval", "500"),
            ("LearningRate:Schedule", "cosine"),
            ("LearningRate:CosineUpdates", "7700"));
        Assert.Contains("model gru (dropout=0.4, layers=2): m = 8, seq_length = 64", output, StringComparison.Ordinal);
        var checkpoint = CheckpointFormat.Read(bed.RunPath("gru", "checkpoints", "latest.rnnck"));
        Assert.Equal(("gru", 20, 24), (checkpoint.Model.Name, (int)checkpoint.Step, checkpoint.Batch));
    }

    [Fact]
    public void BestPreset_LoadsAndTrains_RecordedInRunJsonAndTheHeader()
    {
        using var bed = new RunBed();

        var output = bed.Train("best", 40, "--preset", "best");

        Assert.Contains("\npreset best\n", output, StringComparison.Ordinal);
        Assert.Contains("optimizer adam", output, StringComparison.Ordinal);
        Assert.Contains("learning rate cosine", output, StringComparison.Ordinal);
        var manifest = (JsonObject)JsonNode.Parse(File.ReadAllText(bed.RunPath("best", "run.json")))!;
        Assert.Equal("best", (string?)manifest["preset"]);
        Assert.Equal("adam", (string?)manifest["settings"]!["Plugins"]!["Optimizer"]);
        Assert.Equal(40, CheckpointFormat.Read(bed.RunPath("best", "checkpoints", "latest.rnnck")).Step);
        Assert.Matches(@"(?m)^best +best +adam +rnn +8 +40  ", bed.Ok("runs"));

        // A resume names the run's preset (its values are in the run's saved settings) and adds nothing on top.
        var resumed = bed.Ok("train", "--headless", "--resume", "best", "--steps", "60");
        Assert.Contains("\npreset best\n", resumed, StringComparison.Ordinal);
        Assert.Contains("optimizer adam", resumed, StringComparison.Ordinal);
        Assert.Equal(60, CheckpointFormat.Read(bed.RunPath("best", "checkpoints", "latest.rnnck")).Step);
    }

    [Fact]
    public void InitSetting_RecordedInRunJson_KeptOnResume()
    {
        using var bed = new RunBed();
        bed.Train("whole", 40, "--init", "orthogonal");
        bed.Train("halves", 20, "--init", "orthogonal");

        bed.Ok("train", "--headless", "--resume", "halves", "--steps", "40");

        var manifest = (JsonObject)JsonNode.Parse(File.ReadAllText(bed.RunPath("halves", "run.json")))!;
        Assert.Equal("orthogonal", (string?)manifest["settings"]!["Model"]!["Init"]);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        BitAssert.Equal(whole.Parameters, resumed.Parameters, "orthogonal, resumed");
    }

    private static (int Code, string Output, string Error) Run(string[] arguments, params (string Name, string Value)[] environment) =>
        SettingsTests.Run(arguments, environment);

    /// <summary>Each setting is listed by <c>rnntui settings</c> with the value given and the preset as its source.</summary>
    private static void AssertFromPreset(string settings, string preset, params (string Key, string Value)[] expected)
    {
        foreach (var (key, value) in expected)
        {
            Assert.Matches($@"\n{Regex.Escape(key)} +{Regex.Escape(value)} +preset {preset}\n", settings);
        }
    }
}
