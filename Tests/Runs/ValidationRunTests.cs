using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Runs;

public sealed class ValidationRunTests
{
    [Fact]
    public void Resume_WithValidation_ContinuesBitIdenticallyToAnUninterruptedRun()
    {
        using var bed = new RunBed();
        string[] validation = ["--validation", "0.2", "--validation-interval", "20", "--best-by", "validation"];
        bed.Train("whole", 260, validation);
        bed.Train("halves", 130, validation);
        var halfway = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));

        bed.Ok("train", "--headless", "--resume", "halves", "--steps", "260");

        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(120, halfway.Validation.Step);
        Assert.Equal(260, resumed.Validation.Step);
        Assert.True(resumed.HeldOutLength > 25, $"{resumed.HeldOutLength} characters held out");
        CheckpointFormatTests.AssertSame(whole, resumed, compareTimes: false);
        Assert.Equal(Columns(bed.RunPath("whole", "metrics.csv")), Columns(bed.RunPath("halves", "metrics.csv")));
        var best = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "best.rnnck"));
        Assert.Equal(whole.Validation.BestLoss, best.Validation.BestLoss);
        Assert.Equal(whole.BestParameters, best.BestParameters);
        Assert.Equal(whole.Validation.BestStep, best.BestParametersStep);
        Assert.NotNull(resumed.BestStart);

        // Chosen by validation, the best parameters are named by their validation loss wherever they are used.
        var (_, _, header) = bed.Run("sample", "halves", "--best", "--length", "10", "--seed", "1");
        Assert.Contains($"best parameters (update step {best.BestParametersStep}, validation loss {RnnTui.Text.Format.Loss(best.Validation.BestLoss)})", header, StringComparison.Ordinal);
        bed.Ok("report", "halves");
        var report = File.ReadAllText(bed.RunPath("halves", "report.md"));
        Assert.Contains($"The lowest validation loss was {RnnTui.Text.Format.Loss(best.Validation.BestLoss)}", report, StringComparison.Ordinal);
        Assert.Contains($"at update step {best.BestParametersStep}. ", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_WithValidation_AddsItsColumnsAfterTheOthers()
    {
        using var bed = new RunBed();
        bed.Train("run", 40, "--validation", "0.2", "--validation-interval", "20");

        var lines = File.ReadAllLines(bed.RunPath("run", "metrics.csv"));

        Assert.Equal(
            "step,epoch,epochProgress,loss,smoothLoss,bestSmoothLoss,bestStep,stepsPerSecond,elapsedSeconds,"
                + "validationLoss,validationLossPerChar,validationStep,bestValidationLoss,bestValidationStep,validationMilliseconds",
            lines[0]);
        Assert.Equal(["10", "20", "30", "40"], lines[1..].Select(l => l.Split(',')[0]));
        Assert.All(lines[1..], l => Assert.Equal(15, l.Split(',').Length));
        Assert.Equal(",,,,,", string.Join(',', lines[1].Split(',')[9..]));
        var at20 = lines[2].Split(',');
        var at30 = lines[3].Split(',');
        Assert.Equal("20", at20[11]);
        Assert.Equal(at20[9..12], at30[9..12]);
        var loss = double.Parse(at20[9], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(loss / 25, double.Parse(at20[10], System.Globalization.CultureInfo.InvariantCulture), 12);
        var points = RunLogs.ReadMetrics(bed.RunPath("run", "metrics.csv"));
        Assert.Equal(loss, points[1].ValidationLoss);
        Assert.True(double.IsNaN(points[0].ValidationLoss));
    }

    [Fact]
    public void Metrics_WithoutValidation_LeavesItsColumnsEmpty()
    {
        using var bed = new RunBed();
        bed.Train("run", 20);

        var lines = File.ReadAllLines(bed.RunPath("run", "metrics.csv"));

        Assert.All(lines[1..], l => Assert.EndsWith(",,,,,,", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Headless_WithValidation_ShowsItInProgressLinesAndTheSummary()
    {
        using var bed = new RunBed();

        var output = bed.Train("run", 40, "--validation", "0.2", "--validation-interval", "20");

        Assert.Contains("validation: the last ", output, StringComparison.Ordinal);
        Assert.Matches(@"step +20 .*\n  validation \d+\.\d{3} \(\d\.\d{3}/char\) at step 20, \d+ ms\n", output);
        Assert.Matches(@"lowest validation loss \d+\.\d{3} \(\d\.\d{3} per character\) at update step [24]0", output);
    }

    [Fact]
    public void Runs_ListsTheLowestValidationLoss()
    {
        using var bed = new RunBed();
        bed.Train("plain", 30);
        bed.Train("held", 40, "--validation", "0.2", "--validation-interval", "20");
        var best = CheckpointFormat.Read(bed.RunPath("held", "checkpoints", "latest.rnnck")).Validation;

        var lines = bed.Ok("runs").Split('\n');

        Assert.Contains("lowest validation loss", lines[1], StringComparison.Ordinal);
        Assert.Matches($@"^held +- +adagrad +rnn +8 +40  \d+\.\d{{3}} \(step 40\) +{System.Text.RegularExpressions.Regex.Escape(RnnTui.Text.Format.Loss(best.BestLoss))} \(step {best.BestStep}\) +\d{{4}}-", lines.Single(l => l.StartsWith("held", StringComparison.Ordinal)));
        Assert.Matches(@"^plain +- +adagrad +rnn +8 +30  \d+\.\d{3} \(step 30\) +- +\d{4}-", lines.Single(l => l.StartsWith("plain", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--validation 0.5", "rnntui: --validation must be a number >= 0 and < 0.5, was '0.5'")]
    [InlineData("--validation -0.1", "rnntui: --validation must be a number >= 0 and < 0.5, was '-0.1'")]
    [InlineData("--validation-interval 0", "rnntui: --validation-interval must be a whole number >= 1, was '0'")]
    [InlineData("--best-by test", "rnntui: --best-by must be one of training, validation, was 'test'")]
    [InlineData("--best-by validation", "rnntui: --best-by validation needs a validation split: give --validation F (0 < F < 0.5)")]
    public void BadValidationSetting_OneLineAndExitCode2(string arguments, string message)
    {
        using var bed = new RunBed();

        var (code, output, error) = bed.Run(["train", "--headless", "--steps", "10", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Equal(message, error.TrimEnd('\n'));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(bed.RunsDirectory) && Directory.EnumerateFileSystemEntries(bed.RunsDirectory).Any(), "a run folder was made");
    }

    [Fact]
    public void Validation_HeldOutPartShorterThanASequence_OneLineAndExitCode2()
    {
        using var bed = new RunBed();

        var (code, _, error) = bed.Run("train", "--headless", "--steps", "10", "--validation", "0.001");

        Assert.Equal(2, code);
        Assert.StartsWith("rnntui: --validation 0.001 holds out 3 of the corpus's", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Report_WithValidation_DrawsItAsASecondLineAndNamesItsLowest()
    {
        using var bed = new RunBed();
        bed.Train("run", 60, "--validation", "0.2", "--validation-interval", "20");
        var validation = CheckpointFormat.Read(bed.RunPath("run", "checkpoints", "latest.rnnck")).Validation;

        bed.Ok("report", "run");

        var report = File.ReadAllText(bed.RunPath("run", "report.md"));
        Assert.Contains("The dashed line is the validation loss: the mean loss per 25-character sequence over the last ", report, StringComparison.Ordinal);
        Assert.Contains($"Its lowest, {RnnTui.Text.Format.Loss(validation.BestLoss)} (", report, StringComparison.Ordinal);
        Assert.True(File.Exists(bed.RunPath("run", "smooth-loss.png")));
        var plot = RnnTui.Reporting.LossPlot.Create([(20, 80.0), (40, 70.0), (60, 65.0)], "t", null, [(20, 82.0), (40, 75.0), (60, 71.0)]);
        Assert.Equal(2, plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Count());
    }

    [Fact]
    public void Checkpoint_WithValidation_RoundTripsItsSection()
    {
        var original = CheckpointFormatTests.Sample(k: 5, m: 4);
        var held = new Checkpoint
        {
            VocabularySize = original.VocabularySize, HiddenSize = original.HiddenSize, SeqLength = original.SeqLength,
            Vocabulary = original.Vocabulary, Parameters = original.Parameters, BestParameters = original.BestParameters,
            Hidden = original.Hidden, OptimizerName = original.OptimizerName, OptimizerState = original.OptimizerState,
            SampleRandomState = original.SampleRandomState, Step = original.Step, Epoch = original.Epoch, Position = original.Position,
            Loss = original.Loss, SmoothLoss = original.SmoothLoss, BestSmoothLoss = original.BestSmoothLoss, BestStep = original.BestStep,
            Elapsed = original.Elapsed, CorpusLength = original.CorpusLength, CorpusHash = original.CorpusHash,
            BackendName = original.BackendName, SavedAt = original.SavedAt,
            HeldOutLength = 55_769,
            Validation = new ValidationResult(61.5, 61.5 / 25, 123_000, 12.25, 60.125, 110_000),
            BestParametersStep = 110_000,
        };

        var parsed = CheckpointFormat.Parse(CheckpointFormat.Serialize(held));
        var plain = CheckpointFormat.Parse(CheckpointFormat.Serialize(original));

        CheckpointFormatTests.AssertSame(held, parsed, compareTimes: true);
        Assert.Equal(0, plain.HeldOutLength);
        Assert.False(plain.Validation.HasLoss);
        Assert.Equal(CheckpointFormat.Serialize(original).Length + 1 + "validation".Length + 8 + 4 + (7 * 8), CheckpointFormat.Serialize(held).Length);
        Assert.Equal(110_000, parsed.BestParametersStep);
        Assert.Equal(original.BestStep, plain.BestParametersStep);
    }

    private static string[] Columns(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.Split(',')).Where(f => f[0] == "step" || long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) % 10 == 0)
            .Select(f => string.Join(',', f[..7].Concat(f.Length > 9 ? f[9..14] : [])))];
}
