using System.Globalization;

namespace RnnTui.Ui;

/// <summary>
/// A plain log file for the interactive trainer, which owns the screen: nothing may be written to the console while
/// it runs. Lines are timestamped and flushed at once, so a crash leaves its trace. Safe from any thread.
/// </summary>
internal sealed class UiLog : IDisposable
{
    private readonly object _lock = new();
    private readonly TextWriter? _writer;

    private UiLog(string? path, TextWriter? writer)
    {
        Path = path;
        _writer = writer;
    }

    /// <summary>The file written, or null when it could not be opened (logging is then off, never fatal).</summary>
    public string? Path { get; }

    /// <summary>A log that writes nowhere.</summary>
    public static UiLog None { get; } = new(null, null);

    /// <summary>The default place: <c>$XDG_STATE_HOME/rnntui/rnntui.log</c>, else <c>~/.local/state/rnntui/rnntui.log</c>.</summary>
    public static string DefaultPath
    {
        get
        {
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state) || !System.IO.Path.IsPathRooted(state))
            {
                state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return System.IO.Path.Combine(state, "rnntui", "rnntui.log");
        }
    }

    /// <summary>Opens (appending) the log at a path, or returns a log that writes nowhere when that fails.</summary>
    public static UiLog Open(string? path = null)
    {
        path ??= DefaultPath;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            return new UiLog(path, new StreamWriter(stream) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return None;
        }
    }

    public void Info(string message) => Write("info", message);

    public void Error(string message, Exception? exception = null) =>
        Write("error", exception is null ? message : $"{message}: {exception}");

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
        }
    }

    private void Write(string level, string message)
    {
        if (_writer is null)
        {
            return;
        }

        var line = $"{DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {level} {message}";
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }
        }
    }
}
