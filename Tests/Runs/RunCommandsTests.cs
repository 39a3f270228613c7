using RnnTui.Runs;

namespace RnnTui.Tests.Runs;

public sealed class RunCommandsTests
{
    [Fact]
    public void Sample_WithSeed_StreamsTheSameTextEveryTime()
    {
        using var bed = new RunBed();
        bed.Train("run", 60);

        var first = bed.Run("sample", "run", "--length", "300", "--seed", "7");
        var second = bed.Run("sample", "run", "--length", "300", "--seed", "7");
        var other = bed.Run("sample", "run", "--length", "300", "--seed", "8");

        Assert.Equal(0, first.Code);
        Assert.Equal(300, first.Output.TrimEnd('\n').Length);
        Assert.Equal(first.Output, second.Output);
        Assert.NotEqual(first.Output, other.Output);
        Assert.Equal("run run, latest parameters (update step 60, smooth loss ", first.Error[..56]);
        Assert.Matches(@", temperature 1, top-k all, top-p 1, no priming text, from the training state \(next character ('.'|U\+[0-9A-F]{4})\), seed 7\n$", first.Error);
    }

    [Fact]
    public void Sample_BestWithPrimeAndTruncation_ContinuesThePrime()
    {
        using var bed = new RunBed();
        bed.Train("run", 60);

        var (code, output, error) = bed.Run("sample", bed.RunPath("run", "checkpoints", "latest.rnnck"), "--best", "--prime", "The keeper", "--length", "50",
            "--top-k", "5", "--top-p", "0.9", "--temperature", "0.5", "--seed", "1");

        Assert.Equal(0, code);
        Assert.StartsWith("The keeper", output, StringComparison.Ordinal);
        Assert.Equal(60, output.TrimEnd('\n').Length);
        Assert.Contains("best parameters (update step 60", error, StringComparison.Ordinal);
        Assert.EndsWith(", temperature 0.5, top-k 5, top-p 0.9, primed with \"The keeper\", from the training state, seed 1\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_PrimeOutsideTheVocabulary_OneLineNamingTheCharacters()
    {
        using var bed = new RunBed();
        bed.Train("run", 10);

        var (code, output, error) = bed.Run("sample", "run", "--prime", "Café\u001b");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("rnntui: --prime has characters not in the run's vocabulary: 'C' (U+0043), 'f' (U+0066), 'é' (U+00E9), U+001B\n", error);
    }

    [Fact]
    public void Sample_NoSuchRun_OneLine()
    {
        using var bed = new RunBed();

        var (code, _, error) = bed.Run("sample", "nowhere");

        Assert.Equal(2, code);
        Assert.Equal($"rnntui: no run or checkpoint 'nowhere' (runs are in {bed.RunsDirectory}; rnntui runs lists them)\n", error);
    }

    [Fact]
    public void Runs_ListsEveryRunWithStepBestLossAndActivity()
    {
        using var bed = new RunBed();
        bed.Train("alpha", 30);
        bed.Train("beta", 50);

        var output = bed.Ok("runs");

        var lines = output.Split('\n');
        Assert.Equal($"runs in {bed.RunsDirectory}:", lines[0]);
        Assert.Matches(@"^run +preset +optimizer +model +m +update step  lowest smooth loss +lowest validation loss +last activity$", lines[1]);
        Assert.Matches(@"^alpha +- +adagrad +rnn +8 +30  \d+\.\d{3} \(step 30\) +- +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", lines[2]);
        Assert.Matches(@"^beta +- +adagrad +rnn +8 +50  \d+\.\d{3} \(step 50\) +- +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", lines[3]);
    }

    [Fact]
    public void Runs_NoRuns_SaysSo()
    {
        using var bed = new RunBed();

        Assert.Equal($"no runs in {bed.RunsDirectory}\n", bed.Ok("runs"));
    }

    [Fact]
    public void Report_ShortRun_HasEverySectionAndTheGraph()
    {
        using var bed = new RunBed();
        bed.Train("run", 60);

        var output = bed.Ok("report", "run");

        var path = bed.RunPath("run", "report.md");
        Assert.Equal($"wrote {path}\n", output);
        var report = File.ReadAllText(path);
        Assert.StartsWith("# rnntui report: run run\n", report, StringComparison.Ordinal);
        Assert.Contains("## Q1: Gradient computations", report, StringComparison.Ordinal);
        Assert.Contains("| m | 5 |", report, StringComparison.Ordinal);
        Assert.Matches(@"\| max \| \d\.\d{3}e-\d\d \| \d\.\d{3}e-\d\d \| \d\.\d{3}e-\d\d \|", report);
        Assert.Contains("**PASS: largest relative error", report, StringComparison.Ordinal);
        Assert.Contains("## Q2: Graph of the smooth loss", report, StringComparison.Ordinal);
        Assert.Contains("| m | 8 |", report, StringComparison.Ordinal);
        Assert.Contains("![Smooth loss by update step](smooth-loss.png)", report, StringComparison.Ordinal);
        Assert.Contains("## Q3: Evolution of the synthesized text", report, StringComparison.Ordinal);
        Assert.Contains("**update step 0**, before the first update, temperature 1\n\n```text\n", report, StringComparison.Ordinal);
        Assert.Matches(@"\*\*update step 60\*\*, smooth loss \d+\.\d{3}, temperature 1\n\n```text\n", report);
        Assert.Contains("## Q4: A passage from the best model", report, StringComparison.Ordinal);
        Assert.Matches(@"The lowest smooth loss was \d+\.\d{3} \([\d.]+\) at update step 60\.", report);
        var passage = report[(report.LastIndexOf("```text\n", StringComparison.Ordinal) + 8)..];
        Assert.Equal(1000, passage.IndexOf("\n```", StringComparison.Ordinal));
        var png = File.ReadAllBytes(bed.RunPath("run", "smooth-loss.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }

    [Fact]
    public void Markdown_Fenced_ControlCharactersVisibleAndFenceLongerThanAnyBackticks()
    {
        var block = Reporting.Markdown.Fenced("a ``` b\u001b[31m\rc\td");

        Assert.Equal("````text\na ``` b\u241b[31m\u240dc d\n````\n", block);
    }

    [Fact]
    public void Help_ListsTheRunCommandsAndOptions()
    {
        var (_, output, _) = Cli.CliTests.Run(["--help"]);
        var (_, sample, _) = Cli.CliTests.Run(["sample", "--help"]);

        foreach (var text in new[] { "sample <RUN>", "report <RUN>", "runs ", "--resume <RUN>", "--run <NAME>", "--runs-dir <DIR>" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }

        foreach (var text in new[] { "--best", "--length <N>", "--top-k <K>", "--top-p <P>", "--prime <TEXT>", "--seed <N>", "--runs-dir <DIR>" })
        {
            Assert.Contains(text, sample, StringComparison.Ordinal);
        }
    }
}
