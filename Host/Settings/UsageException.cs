using System.Globalization;
using System.Text;

namespace RnnTui.Settings;

/// <summary>
/// A mistake in what the user asked for: shown as one line, exit code 2, no stack trace. A control character in the
/// message (a key in a settings file may hold an escaped newline) is shown escaped, so the message stays one line.
/// </summary>
internal sealed class UsageException(string message) : Exception(OneLine(message))
{
    private static string OneLine(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var line = new StringBuilder(message.Length + 8);
        foreach (var c in message)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
