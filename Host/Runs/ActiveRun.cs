using Microsoft.Extensions.Logging;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// A run in progress in its folder: the trainer, the recorder that keeps the folder up to date, and where it started
/// (a new run, or a checkpoint it resumed from). Made by <see cref="RunLauncher"/>; trained by whoever calls
/// <see cref="Trainer.RunLoop"/> (the <see cref="TrainingService"/>).
/// </summary>
internal sealed class ActiveRun : IDisposable
{
    private readonly ILogger _log;

    public ActiveRun(RunFolder folder, Trainer trainer, RunRecorder recorder, Checkpoint? resumedFrom, string? notice, ILogger log)
    {
        Folder = folder;
        Trainer = trainer;
        Recorder = recorder;
        ResumedFrom = resumedFrom;
        Notice = notice;
        _log = log;
    }

    public RunFolder Folder { get; }

    public Trainer Trainer { get; }

    public RunRecorder Recorder { get; }

    /// <summary>What the run is made of.</summary>
    public RunDescription Description => Trainer.Description;

    /// <summary>The checkpoint the run continues from, or null for a new run.</summary>
    public Checkpoint? ResumedFrom { get; }

    /// <summary>Something the user should know about how the run continues (e.g. not bit-identical), or null.</summary>
    public string? Notice { get; }

    /// <summary>The run's last checkpoint and save failure; safe to read from any thread.</summary>
    public SaveStatus Save => Recorder.Status;

    /// <summary>Writes the latest checkpoint now, between two updates; the task ends with the path written.</summary>
    /// <exception cref="IOException">The disk refused; <see cref="Save"/> says why and training goes on.</exception>
    public Task<string> SaveNowAsync() => Recorder.SaveNowAsync(Trainer);

    /// <summary>Keeps a sample drawn on demand in <c>samples.jsonl</c>; a failure to write it is logged, not thrown. Any thread.</summary>
    public void KeepSample(TrainingSample sample)
    {
        try
        {
            Recorder.RecordSample(sample);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _log.LogError(e, "cannot keep a sample in {Path}", Folder.SamplesPath);
        }
    }

    /// <summary>
    /// When the checkpoint meant to hold the final state could not be written: one line saying so and naming the last
    /// good checkpoint. Null when the final state was saved.
    /// </summary>
    public string? FinalSaveProblem()
    {
        if (!Recorder.FinalSaveFailed)
        {
            return null;
        }

        var last = Recorder.LastSavedStep >= 0
            ? $"the last good checkpoint is at update step {Text.Format.Count(Recorder.LastSavedStep)}: {Folder.LatestPath}"
            : "no checkpoint of this run was saved";
        return $"the final state (update step {Text.Format.Count(Trainer.Latest.Step)}) could not be saved; {last}";
    }

    public void Dispose()
    {
        Recorder.Dispose();
        Trainer.Dispose();
    }
}
