using RnnTui.Text;

namespace RnnTui.Commands;

/// <summary>Where a command writes: its output, its errors, and whether the output is a terminal.</summary>
/// <param name="Out">Normal output.</param>
/// <param name="Error">Error lines.</param>
/// <param name="IsTerminal">True when <paramref name="Out"/> is a terminal, so text from outside (model text, paths, plugin names) must be made safe.</param>
internal sealed record CommandConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CommandConsole System => new(global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsOutputRedirected);

    /// <summary>A line of output, its control characters made visible when the output is a terminal.</summary>
    public void Line(string text) => Out.WriteLine(IsTerminal ? SafeText.Escape(text, keepNewlines: false) : text);

    /// <summary>One line on standard error, <c>rnntui: ...</c>, its control characters always made visible.</summary>
    public void Problem(string message) => Error.WriteLine($"rnntui: {SafeText.Escape(message, keepNewlines: false)}");
}
