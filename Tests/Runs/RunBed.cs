using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Runs;

/// <summary>A temporary folder with a small corpus and a runs folder, and rnntui run in process against them.</summary>
internal sealed class RunBed : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public RunBed()
    {
        Corpus = _folder.File("small.txt", TestData.SmallCorpus);
        RunsDirectory = Path.Combine(_folder.Path, "runs");
    }

    public string Corpus { get; }

    public string RunsDirectory { get; }

    public string Root => _folder.Path;

    public string RunPath(string name, params string[] parts) => Path.Combine([RunsDirectory, name, .. parts]);

    /// <summary>Runs rnntui with the corpus and runs folder added; fails the test on a non-zero exit.</summary>
    public string Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return output;
    }

    public (int Code, string Output, string Error) Run(params string[] args)
    {
        var extra = new List<string> { "--runs-dir", RunsDirectory };
        if (args.Length > 0 && args[0] == "train" && !args.Contains("--resume"))
        {
            extra.AddRange(["--corpus", Corpus]);
        }

        return CliTests.Run([.. args, .. extra]);
    }

    /// <summary>A short headless run: m = 8, progress every 10 updates, a sample every 20.</summary>
    public string Train(string name, int steps, params string[] more) =>
        Ok(["train", "--headless", "--run", name, "--hidden", "8", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--progress-interval", "10", "--sample-interval", "20", "--sample-length", "30", .. more]);

    public void Dispose() => _folder.Dispose();
}
