using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

/// <summary>
/// Runs of the gated models from the command line: the checkpoint records the model and its settings, a resume with
/// dropout continues bit for bit, a resume with another model or settings is refused, and samples, reports and the
/// gradient check make the same network again.
/// </summary>
public sealed class ModelRunTests
{
    [Theory]
    [InlineData("gru", "1")]
    [InlineData("lstm", "1")]
    [InlineData("lstm", "2")]
    public void Resume_GatedModelWithDropout_ContinuesBitIdenticallyToAnUninterruptedRun(string model, string threads)
    {
        using var bed = new RunBed();
        string[] options = ["--model", model, "--layers", "2", "--dropout", "0.3", "--batch", threads == "1" ? "1" : "4", "--threads", threads];
        bed.Train("whole", 80, options);
        bed.Train("halves", 40, options);

        var output = bed.Ok("train", "--headless", "--resume", "halves", "--steps", "80");

        Assert.DoesNotContain("not bit-identical", output, StringComparison.Ordinal);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(80, resumed.Step);
        CheckpointFormatTests.AssertSame(whole, resumed, compareTimes: false);
        Assert.Equal(File.ReadAllText(bed.RunPath("whole", "samples.jsonl")), File.ReadAllText(bed.RunPath("halves", "samples.jsonl")));
    }

    [Fact]
    public void Checkpoint_RecordsTheModelItsLayoutAndItsSettings()
    {
        using var bed = new RunBed();
        bed.Train("run", 10, "--model", "lstm", "--layers", "2", "--dropout", "0.25");

        var checkpoint = CheckpointFormat.Read(bed.RunPath("run", "checkpoints", "latest.rnnck"));

        var model = checkpoint.Model;
        Assert.Equal(("lstm", 2, 2 * 2 * 8), (model.Name, model.Layers, model.StateSize));
        Assert.Equal("dropout=0.25, layers=2", model.SettingsText);
        // Per layer four gates of U (m x input), W (m x m) and b (m); then V (K x m) and c (K).
        var k = checkpoint.VocabularySize;
        Assert.Equal((4 * ((8 * k) + 64 + 8)) + (4 * (64 + 64 + 8)) + (k * 8) + k, model.ParameterCount);
        Assert.Equal(model.ParameterCount, checkpoint.Parameters.Length);
        Assert.Equal(model.StateSize, checkpoint.Hidden.Length);
        Assert.Matches(@"(?m)^run +- +adagrad +lstm x2 +8 +10  ", bed.Ok("runs"));
    }

    [Fact]
    public void Checkpoint_OfTheVanillaRnn_HasNoModelSection()
    {
        using var bed = new RunBed();
        bed.Train("run", 10);

        var bytes = File.ReadAllBytes(bed.RunPath("run", "checkpoints", "latest.rnnck"));

        Assert.Equal("rnn", CheckpointFormat.Read(bed.RunPath("run", "checkpoints", "latest.rnnck")).Model.Name);
        Assert.DoesNotContain("model", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--model", "gru" }, "rnntui: the checkpoint does not fit this run: it is a model lstm, the settings name gru (keep --model as the run had it)")]
    [InlineData(new[] { "--model", "lstm", "--layers", "2", "--dropout", "0.1" }, "rnntui: the checkpoint does not fit this run: its model lstm has the settings dropout=0.3, layers=2, the settings give dropout=0.1, layers=2")]
    public void Resume_WithAnotherModelOrSettings_RefusedInOneLine(string[] change, string message)
    {
        using var bed = new RunBed();
        bed.Train("run", 20, "--model", "lstm", "--layers", "2", "--dropout", "0.3");
        var before = File.ReadAllBytes(bed.RunPath("run", "checkpoints", "latest.rnnck"));

        var (code, output, error) = bed.Run(["train", "--headless", "--resume", "run", "--steps", "40", .. change]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(message, error.TrimEnd());
        Assert.Equal(before, File.ReadAllBytes(bed.RunPath("run", "checkpoints", "latest.rnnck")));
    }

    [Fact]
    public void Dropout_ChangesTraining_AndTheSameSeedRepeatsIt()
    {
        using var bed = new RunBed();
        bed.Train("plain", 30, "--model", "gru", "--layers", "2");
        bed.Train("dropped", 30, "--model", "gru", "--layers", "2", "--dropout", "0.5");
        bed.Train("again", 30, "--model", "gru", "--layers", "2", "--dropout", "0.5");

        var plain = CheckpointFormat.Read(bed.RunPath("plain", "checkpoints", "latest.rnnck"));
        var dropped = CheckpointFormat.Read(bed.RunPath("dropped", "checkpoints", "latest.rnnck"));
        var again = CheckpointFormat.Read(bed.RunPath("again", "checkpoints", "latest.rnnck"));

        Assert.NotEqual(plain.Parameters, dropped.Parameters);
        Assert.Equal(dropped.Parameters, again.Parameters);
    }

    [Fact]
    public void Sample_FromAnLstmRun_MakesTheModelAgainAndWritesText()
    {
        using var bed = new RunBed();
        bed.Train("run", 30, "--model", "lstm", "--layers", "2");

        var (code, output, error) = bed.Run("sample", "run", "--length", "40", "--seed", "3");
        var again = bed.Run("sample", "run", "--length", "40", "--seed", "3");

        Assert.True(code == 0, error);
        Assert.Equal(40, output.TrimEnd('\n').Length);
        Assert.Equal(output, again.Output);
    }

    [Fact]
    public void Report_OfAGruRun_NamesTheModel()
    {
        using var bed = new RunBed();
        bed.Train("run", 30, "--model", "gru", "--layers", "2");

        bed.Ok("report", "run");

        var report = File.ReadAllText(bed.RunPath("run", "report.md"));
        Assert.Contains("model gru (dropout=0, layers=2), m = 8", report, StringComparison.Ordinal);
        Assert.Contains("| model | gru (dropout=0, layers=2) |", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gru", "1")]
    [InlineData("gru", "3")]
    [InlineData("lstm", "1")]
    [InlineData("lstm", "2")]
    public void GradientCheck_GatedModel_EveryParameterPasses(string model, string layers)
    {
        using var bed = new RunBed();

        var (code, output, error) = RnnTui.Tests.Cli.CliTests.Run(["gradcheck", "--corpus", bed.Corpus, "--model", model, "--layers", layers]);

        Assert.True(code == 0, error);
        Assert.Contains($"  model      {model}, {layers} layer{(layers == "1" ? "" : "s")}\n", output, StringComparison.Ordinal);
        Assert.Contains("  sig        0.3\n", output, StringComparison.Ordinal);
        Assert.Contains("\nPASS: largest relative error ", output, StringComparison.Ordinal);
        var gates = model == "gru" ? "zrn" : "ifog";
        var suffix = layers == "1" ? "" : layers;
        foreach (var gate in gates)
        {
            Assert.Contains($"\n  W{gate}{suffix} ", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "--model", "nonesuch" }, "rnntui: unknown model 'nonesuch'; available: rnn, gru, lstm")]
    [InlineData(new[] { "--model", "lstm", "--dropout", "1" }, "rnntui: --dropout must be")]
    [InlineData(new[] { "--model", "gru", "--layers", "9" }, "rnntui: --layers must be")]
    [InlineData(new[] { "--layers", "2" }, "rnntui: --layers does not apply to the plugins selected (optimizer adagrad, backend simd, corpus textfile, model rnn)")]
    public void Train_BadModelOption_OneLineAndExitCode2(string[] options, string message)
    {
        using var bed = new RunBed();

        var (code, output, error) = bed.Run(["train", "--headless", "--steps", "5", .. options]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
