namespace RnnTui.Testing;

/// <summary>
/// Thrown by <see cref="ConformanceReport.ThrowIfFailed"/> when a plugin failed a check; its message is the whole report,
/// one line per check and the summary, so that a failing test shows every check at once.
/// </summary>
public sealed class ConformanceException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public ConformanceException()
    {
    }

    /// <summary>Creates the exception with a message: a report's lines.</summary>
    public ConformanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
