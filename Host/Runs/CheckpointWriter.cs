namespace RnnTui.Runs;

/// <summary>How checkpoint files reach the disk; the one used is atomic (<see cref="AtomicFile"/>), and tests put a failing disk in its place.</summary>
internal interface ICheckpointWriter
{
    /// <summary>Replaces the file at <paramref name="path"/> with <paramref name="data"/>, or throws leaving it as it was.</summary>
    /// <exception cref="IOException">The disk refused (full, read-only...).</exception>
    void Write(string path, ReadOnlyMemory<byte> data);
}

/// <summary>Writes checkpoints with <see cref="AtomicFile"/>: a crash or a full disk never leaves a half-written one.</summary>
internal sealed class AtomicCheckpointWriter : ICheckpointWriter
{
    public void Write(string path, ReadOnlyMemory<byte> data) => AtomicFile.Write(path, data);
}
