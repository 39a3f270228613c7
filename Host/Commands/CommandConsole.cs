namespace RnnTui.Commands;

/// <summary>Where a command writes: its output, its errors, and whether the output is a terminal.</summary>
/// <param name="Out">Normal output.</param>
/// <param name="Error">Error lines.</param>
/// <param name="IsTerminal">True when <paramref name="Out"/> is a terminal, so model text must be made safe.</param>
internal sealed record CommandConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CommandConsole System => new(global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsOutputRedirected);
}
