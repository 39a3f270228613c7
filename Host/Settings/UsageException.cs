namespace RnnTui.Settings;

/// <summary>A mistake in what the user asked for: shown as one line, exit code 2, no stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
