using RnnTui.Settings;

namespace RnnTui.Runs;

/// <summary>What a RUN argument named: a run's folder, a checkpoint file, or both.</summary>
/// <param name="Folder">The run's folder, when known.</param>
/// <param name="CheckpointFile">The checkpoint file named, when a file was named.</param>
internal sealed record RunTarget(RunFolder? Folder, string? CheckpointFile)
{
    /// <summary>What to continue from: the file named, else the run's latest (or best) checkpoint.</summary>
    /// <exception cref="UsageException">The run has no checkpoint yet.</exception>
    public string Checkpoint => CheckpointFile ?? Folder!.ResumableCheckpoint
        ?? throw new UsageException($"run '{Folder!.Name}' has no checkpoint yet ({Folder.CheckpointsPath} is empty)");

    /// <summary>The checkpoint whose best parameters are the run's lowest smooth loss: best.rnnck when there is one.</summary>
    public string BestCheckpoint => CheckpointFile ?? (Folder is not null && File.Exists(Folder.BestPath) ? Folder.BestPath : Checkpoint);

    public string Label => Folder?.Name ?? CheckpointFile!;
}
