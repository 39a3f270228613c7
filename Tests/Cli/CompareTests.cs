namespace RnnTui.Tests.Cli;

/// <summary><c>rnntui compare</c>: two runs side by side, as the assignment's bonus part puts AdaGrad beside Adam.</summary>
public sealed class CompareTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Compare_TwoRuns_ATableOfEachRunsSettingsAndLossesAndOnePicture()
    {
        using var folder = TestData.TempFolder();
        var runs = Train(folder, ("ada", "adagrad"), ("adam", "adam"));
        var picture = Path.Combine(folder.Path, "side-by-side.png");

        var (code, output, error) = CliTests.Run(["compare", "ada", "adam", "--runs-dir", runs, "--output", picture]);

        Assert.Equal((0, ""), (code, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^run +optimizer +m +seq +updates +lowest smooth loss +lowest validation loss +training time$", lines[0]);
        Assert.Matches(@"^ada +adagrad \(eta=0\.1, epsilon=1E-08\) +8 +25 +40 +\d+\.\d{3} \(step \d+\) +- ", lines[1]);
        Assert.Matches(@"^adam +adam \(eta=0\.0015, .*weightDecay=0\) +8 +25 +40 +\d+\.\d{3} \(step \d+\) ", lines[2]);
        Assert.Equal($"wrote {picture}", lines[3]);
        var png = File.ReadAllBytes(picture);
        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 10_000, $"a picture of {png.Length} bytes");
    }

    [Fact]
    public void Compare_RunsWithValidation_ListTheirLowestValidationLossAndDrawItDashed()
    {
        using var folder = TestData.TempFolder();
        var runs = Train(folder, ["--validation", "0.2", "--validation-interval", "20"], ("ada", "adagrad"), ("adam", "adam"));
        var picture = Path.Combine(folder.Path, "side-by-side.png");

        var (code, output, error) = CliTests.Run(["compare", "ada", "adam", "--runs-dir", runs, "--output", picture]);

        Assert.Equal((0, ""), (code, error));
        var ada = RnnTui.Runs.CheckpointFormat.Read(Path.Combine(runs, "ada", "checkpoints", "latest.rnnck")).Validation;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($" {RnnTui.Text.Format.Loss(ada.BestLoss)} (step {ada.BestStep}) ", lines[1], StringComparison.Ordinal);

        RnnTui.Reporting.ComparePlot.Series Curve(bool validation) =>
            new("ada", [(10, 90.0), (20, 85.0), (30, 82.0), (40, 80.0)], validation ? [(20, 88.0), (40, 84.0)] : []);
        Assert.NotEqual(RnnTui.Reporting.ComparePlot.Render([Curve(false)], "t"), RnnTui.Reporting.ComparePlot.Render([Curve(true)], "t"));
    }

    [Fact]
    public void Compare_AnUnknownRun_OneLineExitCode2AndNoPicture()
    {
        using var folder = TestData.TempFolder();
        var runs = Train(folder, ("ada", "adagrad"));
        var picture = Path.Combine(folder.Path, "compare.png");

        var (code, output, error) = CliTests.Run(["compare", "ada", "nosuch", "--runs-dir", runs, "--output", picture]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: no run or checkpoint 'nosuch' (runs are in {runs}; rnntui runs lists them)\n", error);
        Assert.False(File.Exists(picture));
    }

    [Fact]
    public void Compare_APictureThatCannotBeWritten_OneLineExitCode2()
    {
        using var folder = TestData.TempFolder();
        var runs = Train(folder, ("ada", "adagrad"));
        var picture = Path.Combine(folder.Path, "small.txt", "compare.png");   // under a file, not a folder

        var (code, _, error) = CliTests.Run(["compare", "ada", "--runs-dir", runs, "--output", picture]);

        Assert.Equal(2, code);
        Assert.StartsWith($"rnntui: cannot write {picture}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    private static string Train(TempFolder folder, params (string Run, string Optimizer)[] runs) => Train(folder, [], runs);

    private static string Train(TempFolder folder, string[] more, params (string Run, string Optimizer)[] runs)
    {
        var corpus = Path.Combine(folder.Path, "small.txt");
        File.WriteAllText(corpus, TestData.SmallCorpus);
        var directory = Path.Combine(folder.Path, "runs");
        foreach (var (run, optimizer) in runs)
        {
            var (code, _, error) = CliTests.Run(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--steps", "40", "--progress-interval", "10",
                "--optimizer", optimizer, "--run", run, "--runs-dir", directory, .. more]);
            Assert.True(code == 0, error);
        }

        return directory;
    }
}
