namespace RnnTui.Runs;

/// <summary>A checkpoint that cannot be used: damaged, truncated, of another format, or not of this run.</summary>
internal sealed class CheckpointException(string message) : Exception(message);
