using System.Globalization;
using System.Text.RegularExpressions;
using RnnTui.Commands;

namespace RnnTui.Tests.Cli;

public sealed class CliTests
{
    [Theory]
    [InlineData("--eta -1", "rnntui: --eta must be a number > 0, was '-1'")]
    [InlineData("--hidden 0", "rnntui: --hidden must be a whole number between 1 and 4096, was '0'")]
    [InlineData("--seq-length x", "rnntui: --seq-length must be a whole number between 1 and 100000, was 'x'")]
    [InlineData("--optimizer lion", "rnntui: unknown optimizer 'lion'; available: adagrad, adam, rmsprop, sgd")]
    [InlineData("--backend gpu", "rnntui: unknown backend 'gpu'; available: managed, simd")]
    [InlineData("--bogus 3", "rnntui: unknown option '--bogus' (try rnntui --help)")]
    [InlineData("--steps", "rnntui: --steps needs a value (N)")]
    [InlineData("--clip 0", "rnntui: --clip must be a number > 0, was '0'")]
    [InlineData("--threshold 1e-5", "rnntui: option --threshold does not apply to rnntui train")]
    public void Train_BadOption_OneLineAndExitCode2(string arguments, string message)
    {
        var (code, output, error) = Run(["train", "--headless", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Equal(message, error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void MissingCorpus_OneLineNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-corpus.txt");

        var (code, _, error) = Run(["train", "--headless", "--corpus", missing]);

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: corpus file not found: {missing}\n", error);
    }

    [Theory]
    [InlineData("", "rnntui: corpus file is empty")]
    [InlineData("abc", "rnntui: corpus has 3 characters; a sequence length of 25 needs at least 26")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "rnntui: corpus has a single distinct character")]
    public void UnusableCorpus_OneLineSayingWhy(string text, string message)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.txt", text);

        var (code, _, error) = Run(["gradcheck", "--corpus", corpus]);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void BinaryCorpus_Refused()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("corpus.bin", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE]);

        var (code, _, error) = Run(["train", "--headless", "--corpus", corpus]);

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: corpus file is binary, not text (NUL byte at offset 4): {corpus}\n", error);
    }

    [Fact]
    public void NotUtf8Corpus_Refused()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("latin1.txt", [.. "caf"u8.ToArray(), 0xE9, .. " au lait, encore et encore, toujours du caf"u8.ToArray(), 0xE9]);

        var (code, _, error) = Run(["train", "--headless", "--corpus", corpus]);

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: corpus file is not UTF-8 text (invalid byte at offset 3): {corpus}\n", error);
    }

    [Fact]
    public void SettingsFile_NegativeEta_NamesTheOptimizerAndValue()
    {
        using var folder = TestData.TempFolder();
        var config = WriteConfig(folder, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json")).Replace("\"eta\": 0.1", "\"eta\": -1", StringComparison.Ordinal));

        var (code, _, error) = Run(["train", "--headless", "--config", config]);

        Assert.Equal(2, code);
        Assert.Equal("rnntui: plugins.json: Settings:adagrad:eta must be a number > 0, was '-1'\n", error);
    }

    [Fact]
    public void SettingsFile_NotJson_NamesLineAndColumn()
    {
        using var folder = TestData.TempFolder();
        var config = WriteConfig(folder, "{ \"Model\": { \"Hidden\": 100 }\n  oops");

        var (code, _, error) = Run(["gradcheck", "--config", config]);

        Assert.Equal(2, code);
        Assert.StartsWith("rnntui: plugins.json is not valid JSON at line 2, column 3: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("\"Modle\": {}", "rnntui: plugins.json: unknown section 'Modle' (known: Plugins, Model, Training, LearningRate, GradientCheck, Runs, Checkpoints, Log, Settings, Presets)")]
    [InlineData("\"Model\": { \"Hiden\": 5 }", "rnntui: plugins.json: unknown key 'Model:Hiden' (known in Model: Hidden, SeqLength, Sigma, Init, Seed)")]
    [InlineData("\"Model\": { \"Hidden\": \"many\" }", "rnntui: plugins.json: Model:Hidden must be a number, was a string")]
    [InlineData("\"Model\": { \"Hidden\": [5] }", "rnntui: plugins.json: Model:Hidden must be a number, was a list")]
    [InlineData("\"Plugins\": { \"Folders\": \"/opt/plugins\" }", "rnntui: plugins.json: Plugins:Folders must be a list of strings, was a string")]
    [InlineData("\"Training\": 5", "rnntui: plugins.json: Training must be an object, was a number")]
    [InlineData("\"Settings\": { \"adagrad\": { \"eta\": { \"value\": 1 } } }", "rnntui: plugins.json: Settings:adagrad:eta must be a single value, not an object")]
    public void SettingsFile_WrongShape_OneLineNamingTheKey(string section, string message)
    {
        using var folder = TestData.TempFolder();
        var config = WriteConfig(folder, $"{{ {section} }}");

        var (code, _, error) = Run(["gradcheck", "--config", config]);

        Assert.Equal(2, code);
        Assert.Equal(message + "\n", error);
    }

    [Fact]
    public void SettingsFile_UnknownPluginSetting_Named()
    {
        using var folder = TestData.TempFolder();
        var config = WriteConfig(folder, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json")).Replace("\"adagrad\": { \"eta\": 0.1, \"epsilon\": 1e-8", "\"adagrad\": { \"eta\": 0.1, \"epsilon\": 1e-8, \"momentum\": 0.5", StringComparison.Ordinal));

        var (code, _, error) = Run(["train", "--headless", "--config", config, "--steps", "1"]);

        Assert.Equal(2, code);
        Assert.Equal("rnntui: plugins.json: Settings:adagrad:momentum: optimizer adagrad has no such setting (it has: eta, epsilon)\n", error);
    }

    [Fact]
    public void SettingsFile_OutOfRangeValue_NamesTheKey()
    {
        using var folder = TestData.TempFolder();
        var config = WriteConfig(folder, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json")).Replace("\"Hidden\": 100", "\"Hidden\": 0", StringComparison.Ordinal));

        var (code, _, error) = Run(["train", "--headless", "--config", config]);

        Assert.Equal(2, code);
        Assert.Equal("rnntui: plugins.json: Model:Hidden must be a whole number between 1 and 4096, was '0'\n", error);
    }

    [Fact]
    public void CommandLine_OverridesTheSettingsFile()
    {
        var settings = TestData.Settings("train", "--eta", "0.05", "--hidden", "64", "--seq-length", "30", "--sigma", "0.02", "--seed", "9", "--clip", "1", "--epochs", "3", "--optimizer", "sgd");

        Assert.Equal(64, settings.Model.Hidden);
        Assert.Equal(30, settings.Model.SeqLength);
        Assert.Equal(0.02, settings.Model.Sigma);
        Assert.Equal(9UL, settings.Model.Seed);
        Assert.Equal(1, settings.Training.Clip);
        Assert.Equal(3, settings.Training.Epochs);
        Assert.Equal(0, settings.Training.Steps);
        Assert.Equal("sgd", settings.Plugins.Optimizer);
        Assert.Equal("0.05", settings.For("sgd").GetString("eta"));
        Assert.Equal("0.1", settings.For("adagrad").GetString("eta"));
    }

    [Fact]
    public void SettingsFile_RelativeCorpusPath_IsRelativeToTheFile()
    {
        var settings = TestData.Settings("train");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "corpora", "lanterns.txt"), settings.For("textfile").GetString("path"));
    }

    [Fact]
    public void GradCheck_DefaultCorpus_PrintsTheTablesAndPasses()
    {
        var (code, output, _) = Run(["gradcheck"]);

        Assert.Equal(0, code);
        Assert.Contains("Table 1: parameters used", output, StringComparison.Ordinal);
        Assert.Contains("  m          5\n", output, StringComparison.Ordinal);
        Assert.Contains("  seq_length 25\n", output, StringComparison.Ordinal);
        foreach (var name in new[] { "U", "W", "V", "b", "c" })
        {
            Assert.Matches($@"\n  {name} +\d+/\d+  \d\.\d{{3}}e-\d\d", output);
        }

        Assert.Contains("PASS: largest relative error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GradCheck_ThresholdTooStrict_ExitsNonZero()
    {
        var (code, output, _) = Run(["gradcheck", "--threshold", "1e-12"]);

        Assert.Equal(1, code);
        Assert.Contains("FAIL: largest relative error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainHeadless_PrintsProgressSamplesAndTheBestPassage()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var metrics = Path.Combine(folder.Path, "metrics.csv");

        var (code, output, _) = Run(["train", "--headless", "--corpus", corpus, "--hidden", "16", "--steps", "200",
            "--progress-interval", "50", "--sample-interval", "100", "--metrics", metrics, "--runs-dir", folder.Path]);

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Equal(4, lines.Count(l => l.StartsWith("step ", StringComparison.Ordinal)));
        Assert.Matches(@"step +200 +epoch \d+ \( *\d+\.\d%\) +smooth +\d+\.\d{3} +[\d,]+/s +0:\d\d\n", output);
        foreach (var step in new[] { 50, 100, 150 })
        {
            Assert.Matches($@"step +{step} +epoch \d+ \( *\d+\.\d%\) +smooth +\d+\.\d{{3}} +[\d,]+/s +0:\d\d  ETA \d+:\d\d\n", output);
        }

        Assert.All(lines.Where(l => l.StartsWith("step ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, l));
        Assert.Contains("----- update step 0, before the first update -----", output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("----- update step 100, smooth loss ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("----- update step 200, smooth loss ", StringComparison.Ordinal));
        Assert.Matches(@"lowest smooth loss \d+\.\d{3} at update step 2\d\d", output);
        var passage = output[(output.IndexOf("----- 1000 characters from the best parameters", StringComparison.Ordinal) + 1)..];
        passage = passage[(passage.IndexOf('\n') + 1)..];
        Assert.Equal(1000, passage[..passage.IndexOf("\n\ncheckpoint at update step 200: ", StringComparison.Ordinal)].Length);

        var csv = File.ReadAllLines(metrics);
        // The validation columns come after these (ValidationRunTests).
        Assert.StartsWith("step,epoch,epochProgress,loss,smoothLoss,bestSmoothLoss,bestStep,stepsPerSecond,elapsedSeconds,", csv[0], StringComparison.Ordinal);
        Assert.Equal(["50", "100", "150", "200"], csv.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void TrainHeadless_MetricsAsJsonLines()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var metrics = Path.Combine(folder.Path, "metrics.jsonl");

        var (code, _, _) = Run(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "20", "--progress-interval", "10", "--metrics", metrics, "--runs-dir", folder.Path]);

        Assert.Equal(0, code);
        var records = File.ReadAllLines(metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([10L, 20L], records.Select(r => r.GetProperty("step").GetInt64()));
        Assert.All(records, r => Assert.True(r.GetProperty("smoothLoss").GetDouble() > 0));
    }

    [Fact]
    public void GradientCheck_Float32Backend_FailsWithANoteSayingWhy()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, output, _) = Run(["gradcheck", "--backend", "simd", "--precision", "f32", "--corpus", corpus]);

        Assert.Equal(1, code);
        Assert.Contains("FAIL: largest relative error", output, StringComparison.Ordinal);
        Assert.Contains("note: backend simd 0.1.0 computes in f32; centred differences need float64", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_Json_OneRowPerBackendDtypeAndBatchWithEveryField()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, output, _) = Run(["bench", "--json", "--model", "rnn", "--corpus", corpus, "--hidden", "16", "--steps", "40", "--warmup", "5", "--threads", "2"]);

        Assert.Equal(0, code);
        var rows = System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("rnn", r.GetProperty("model").GetString()));
        Assert.Equal(
            ["managed f64 1 1", "managed f64 8 2", "managed f64 32 2", "simd f64 1 1", "simd f64 8 2", "simd f64 32 2", "simd f32 1 1", "simd f32 8 2", "simd f32 32 2"],
            rows.Select(r => $"{r.GetProperty("backend").GetString()} {r.GetProperty("dtype").GetString()} {r.GetProperty("batch").GetInt32()} {r.GetProperty("threads").GetInt32()}"));
        foreach (var row in rows)
        {
            var perSecond = row.GetProperty("updatesPerSecond").GetDouble();
            Assert.True(perSecond > 0);
            Assert.Equal(perSecond * 25 * row.GetProperty("batch").GetInt32(), row.GetProperty("charsPerSecond").GetDouble(), 1e-6);
            Assert.Equal(1e6 / perSecond, row.GetProperty("microsecondsPerUpdate").GetDouble(), 1e-6);
            Assert.True(row.GetProperty("bytesAllocatedPerUpdate").GetDouble() >= 0);

            // The kernel of the training thread never outlasts the slowest thread's, which with the rest makes the update.
            var kernel = row.GetProperty("kernelMicroseconds").GetDouble();
            var slowest = row.GetProperty("slowestKernelMicroseconds").GetDouble();
            Assert.InRange(kernel, 0, slowest);
            Assert.Equal(row.GetProperty("microsecondsPerUpdate").GetDouble(), slowest + row.GetProperty("restMicroseconds").GetDouble(), 1e-6);
        }

        Assert.Equal(0, rows[3].GetProperty("bytesAllocatedPerUpdate").GetDouble());
        Assert.Equal(0, rows[6].GetProperty("bytesAllocatedPerUpdate").GetDouble());
    }

    /// <summary>
    /// Left out, the warm-up goes on for at least a second, so that the JIT has optimized the plugins' hot code before
    /// the timing starts (a row timed sooner measured half its speed on two busy cores); given, it is that many updates.
    /// </summary>
    [Fact]
    public void Bench_WarmupLeftOut_LastsASecondAtLeast_GivenIsExact()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        string[] row = ["bench", "--json", "--model", "rnn", "--backend", "simd", "--batch", "1", "--corpus", corpus, "--hidden", "16", "--steps", "40"];

        var (defaultCode, defaultOutput, _) = Run(row);
        var (givenCode, givenOutput, _) = Run([.. row, "--warmup", "7"]);

        Assert.Equal(0, defaultCode);
        Assert.Equal(0, givenCode);
        var byDefault = System.Text.Json.JsonDocument.Parse(defaultOutput).RootElement[0];
        Assert.True(byDefault.GetProperty("warmupSeconds").GetDouble() >= 1.0, defaultOutput);
        Assert.True(byDefault.GetProperty("warmupUpdates").GetInt64() >= 500, defaultOutput);
        var given = System.Text.Json.JsonDocument.Parse(givenOutput).RootElement[0];
        Assert.Equal(7, given.GetProperty("warmupUpdates").GetInt64());
    }

    [Fact]
    public void Bench_Table_NamesTheWorkloadAndEveryModelOnEveryBackend()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, output, _) = Run(["bench", "--corpus", corpus, "--hidden", "16", "--steps", "40", "--warmup", "5", "--threads", "2"]);

        Assert.Equal(0, code);
        Assert.Contains("workload: m = 16, seq_length = 25, K = 34", output, StringComparison.Ordinal);
        // FLOPs per sequence: 6 per weight per character, the one-hot lookups left out (rnn: W, V; gru: 3 W, V; lstm: 4 W, V).
        Assert.Contains("one sequence is 0.120 MFLOP for rnn, 0.197 MFLOP for gru (1 layer), 0.235 MFLOP for lstm (1 layer)", output, StringComparison.Ordinal);
        Assert.Matches(@"\nfloat64 FMA peak, one core \((256|512)-bit\): [\d.]+ GFLOP/s", output);
        Assert.Matches(@"\nfloat64 FMA peak, 2 cores at once \((256|512)-bit\): [\d.]+ GFLOP/s", output);

        // Under each peak, the most it allows each model: rnn's 4,800 FLOPs per character (0.120 MFLOP / 25) at the peak.
        foreach (Match peak in Regex.Matches(output, @"\nfloat64 FMA peak, [^(]+\((?:256|512)-bit\): ([\d.]+) GFLOP/s.*\n  at that peak no kernel trains faster than: rnn ([\d,]+) characters/s in float64, ([\d,]+) in float32; gru \(1 layer\) [\d,]+ characters/s in float64, [\d,]+ in float32; lstm \(1 layer\) [\d,]+ characters/s in float64, [\d,]+ in float32\n"))
        {
            var gigaflops = double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture);
            var float64 = double.Parse(peak.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var float32 = double.Parse(peak.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            // The peak is printed to 0.1 GFLOP/s: within 0.05e9 / 4,800 characters/s of the ceiling.
            Assert.InRange(float64 - (gigaflops * 1e9 / 4_800), -10_500, 10_500);
            Assert.InRange(float32 / float64, 1.999, 2.001);
        }

        Assert.Equal(2, Regex.Matches(output, "\n  at that peak no kernel trains faster than: ").Count);
        Assert.Matches(@"\nrnn +managed +f64 +1 +1 +[\d,]+ +[\d,]+ +[\d.]+ +[\d,]+ ", output);
        Assert.Matches(@"\nrnn +simd +f64 +1 +1 +[\d,]+ +[\d,]+ +[\d.]+ +0 ", output);
        Assert.Matches(@"\nrnn +simd +f32 +1 +1 +[\d,]+ +[\d,]+ +[\d.]+ +0 ", output);
        Assert.Matches(@"\nrnn +simd +f32 +32 +2 +[\d,]+ +[\d,]+ +[\d.]+ +[\d,]+ +[\d.]+ +[\d.]+ %", output);
        foreach (var model in new[] { "gru", "lstm" })
        {
            Assert.Matches($@"\n{model} +managed +f64 +1 +1 +[\d,]+ +[\d,]+ +[\d.]+ +[\d,]+ ", output);
            Assert.Matches($@"\n{model} +simd +f64 +32 +2 +[\d,]+ +[\d,]+ +[\d.]+ +[\d,]+ +[\d.]+ +[\d.]+ %", output);
            Assert.Matches($@"\n{model} +simd +f32 +32 +2 +[\d,]+ +[\d,]+ +[\d.]+ +[\d,]+ +[\d.]+ +[\d.]+ %", output);
            Assert.Matches($@"\n{model} +simd +f32 +32 +2 +[\d.]+ +[\d.]+ +-?[\d.]+\n", output);
        }

        Assert.Matches(@"\nrnn +simd +f32 +-?[\d.]+ +-?[\d.]+ ", output);
        Assert.Contains("where one update's time goes at larger batches, in microseconds", output, StringComparison.Ordinal);
        Assert.Matches(@"\nrnn +simd +f32 +32 +2 +[\d.]+ +[\d.]+ +-?[\d.]+\n", output);
        Assert.DoesNotContain("no kernel, not measured", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_PrecisionGiven_RunsOnlyThatVariant()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, output, _) = Run(["bench", "--json", "--model", "lstm", "--backend", "simd", "--precision", "f32", "--batch", "8", "--corpus", corpus, "--hidden", "16", "--steps", "40", "--warmup", "5"]);

        Assert.Equal(0, code);
        var rows = System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["lstm simd f32 8"], rows.Select(r => $"{r.GetProperty("model").GetString()} {r.GetProperty("backend").GetString()} {r.GetProperty("dtype").GetString()} {r.GetProperty("batch").GetInt32()}"));
    }

    [Theory]
    [InlineData("train --headless --precision f16", "rnntui: --precision must be one of f64, f32, was 'f16'")]
    [InlineData("train --headless --backend managed --precision f32", "rnntui: --precision does not apply to the plugins selected (optimizer adagrad, backend managed, corpus textfile, model rnn)")]
    public void BackendSetting_BadValueOrWrongBackend_OneLineAndExitCode2(string arguments, string message)
    {
        var (code, output, error) = Run(arguments.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal(message, error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void Plugins_ListsKindNameVersionAndPath()
    {
        var (code, output, _) = Run(["plugins"]);

        Assert.Equal(0, code);
        Assert.Matches(@"optimizer +adagrad\* +0\.1\.0 +AdaGrad", output);
        Assert.Matches(@"optimizer +sgd +0\.1\.0 +Stochastic", output);
        Assert.Matches(@"optimizer +adam +0\.1\.0 +Adam: .*epsilon", output);
        Assert.Matches(@"optimizer +rmsprop +0\.1\.0 +RMSProp", output);
        Assert.Matches(@"nesterov \(--nesterov\): Nesterov momentum.*; true or false, default false", output);
        Assert.Matches(@"weightDecay \(--weight-decay\): decoupled weight decay .*; a number >= 0, default 0", output);
        Assert.Matches(@"centered: .*; true or false, default false", output);
        Assert.Matches(@"backend +managed +0\.1\.0 ", output);
        Assert.Matches(@"backend +simd\* +0\.1\.0 ", output);
        Assert.Matches(@"precision \(--precision\): what the kernels compute in: f64, or f32 .*; one of f64, f32, default f64", output);
        Assert.DoesNotContain("simd-f32", output, StringComparison.Ordinal);
        Assert.Matches(@"corpus +textfile\* +0\.1\.0 ", output);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll"), output, StringComparison.Ordinal);
    }

    /// <summary>A settings file in another folder, its corpus path made absolute so that it still names the default corpus.</summary>
    private static string WriteConfig(TempFolder folder, string json) =>
        folder.File("plugins.json", json.Replace("\"corpora/lanterns.txt\"", $"\"{Path.Combine(AppContext.BaseDirectory, "corpora", "lanterns.txt")}\"", StringComparison.Ordinal));

    internal static (int Code, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = RnnTuiApp.Run(args, new CommandConsole(output, error, IsTerminal: false));
        return (code, output.ToString(), error.ToString());
    }
}
