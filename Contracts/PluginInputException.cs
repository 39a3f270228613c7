namespace RnnTui.Contracts;

/// <summary>
/// Thrown by a plugin when the user's input or settings are wrong (a bad hyperparameter, a missing file).
/// The host shows <see cref="Exception.Message"/> as one line, without a stack trace, so the message must name
/// the setting and the value, e.g. <c>eta must be &gt; 0, was -1</c>.
/// </summary>
public class PluginInputException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public PluginInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the error that caused it.</summary>
    public PluginInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
