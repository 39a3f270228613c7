namespace RnnTui.Runs;

/// <summary>
/// The folder of one training run and the files in it: <c>run.json</c> (settings, plugins, corpus),
/// <c>metrics.csv</c>, <c>samples.jsonl</c>, <c>checkpoints/latest.rnnck</c> and <c>checkpoints/best.rnnck</c>, and
/// what <c>rnntui report</c> writes (<c>report.md</c>, <c>smooth-loss.png</c>).
/// </summary>
internal sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The run's name: its folder's name.</summary>
    public string Name => System.IO.Path.GetFileName(Path.TrimEnd(System.IO.Path.DirectorySeparatorChar));

    public string ManifestPath => Combine("run.json");

    public string MetricsPath => Combine("metrics.csv");

    public string SamplesPath => Combine("samples.jsonl");

    public string CheckpointsPath => Combine("checkpoints");

    public string LatestPath => System.IO.Path.Combine(CheckpointsPath, "latest.rnnck");

    public string BestPath => System.IO.Path.Combine(CheckpointsPath, "best.rnnck");

    public string ReportPath => Combine("report.md");

    public string PlotPath => Combine("smooth-loss.png");

    /// <summary>Whether the folder looks like a run (it has a manifest or checkpoints).</summary>
    public bool IsRun => File.Exists(ManifestPath) || Directory.Exists(CheckpointsPath);

    /// <summary>The checkpoint to continue from: the latest, else the best.</summary>
    public string? ResumableCheckpoint => File.Exists(LatestPath) ? LatestPath : File.Exists(BestPath) ? BestPath : null;

    /// <summary>When anything in the run was last written.</summary>
    public DateTime LastActivity
    {
        get
        {
            var files = new[] { ManifestPath, MetricsPath, SamplesPath, LatestPath, BestPath };
            var times = files.Where(File.Exists).Select(File.GetLastWriteTime).ToList();
            return times.Count > 0 ? times.Max() : Directory.GetLastWriteTime(Path);
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
