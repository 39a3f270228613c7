namespace RnnTui.Runs;

/// <summary>
/// Replaces a file so that a reader, or a crash at any moment, sees either the old contents or the new, never a
/// mix: the new contents go to a temporary file in the same folder (so the rename stays on one file system), are
/// flushed to the disk, and the temporary file is then renamed over the old one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ReadOnlyMemory<byte> data) => Write(path, stream => stream.Write(data.Span));

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes to a fresh stream. When it or the
    /// disk fails, the temporary file is removed and the old file is left as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);

                // The contents must be on the disk before the rename makes them the file's: otherwise a power cut
                // after the rename could leave an empty or partial file under the old name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Deletes the temporary files that writes killed midway left in a folder.</summary>
    public static void DeleteLeftovers(string directory)
    {
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, ".*.tmp"))
            {
                TryDelete(path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving a stray temporary file is better than hiding the error that caused it.
        }
    }
}
