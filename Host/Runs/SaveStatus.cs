using System.Diagnostics;

namespace RnnTui.Runs;

/// <summary>What the UI shows of the current run's checkpoints: the last one written and a failure since.</summary>
/// <param name="Step">The update step of the last checkpoint written this session, or -1.</param>
/// <param name="Path">The file last written, or null.</param>
/// <param name="Timestamp">When it was written (<see cref="Stopwatch.GetTimestamp"/>).</param>
/// <param name="Failure">Why the last save failed, when no save has succeeded since; otherwise null.</param>
internal sealed record SaveStatus(long Step, string? Path, long Timestamp, string? Failure)
{
    public static SaveStatus None { get; } = new(-1, null, 0, null);

    /// <summary>How long ago the last checkpoint was written.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(Timestamp);
}
