using RnnTui.Text;

namespace RnnTui.Ui;

/// <summary>Every key of the main screen, in one table that the status line and the help window both read.</summary>
internal static class KeyHints
{
    public static IReadOnlyList<KeyHint> ForMainScreen(double temperature, bool paused) =>
    [
        new("space/p", paused ? "resume" : "pause", "pause or resume training", "␣/p"),
        new("s", "sample", "sample 200 characters now from the current parameters"),
        new("+/-", $"T {Temperature(temperature)}", "raise or lower the sampling temperature", "+-"),
        new("t", "prime", "type a priming text and sample from it"),
        new("b", "best", "sample 1000 characters from the best parameters"),
        new("g", "check", "run the gradient check on a small (m = 5) copy of the run"),
        new("y/tab", "play", "open the playground: next-character predictions as you type", "y"),
        new("w", "save", "save a checkpoint now (also saved periodically and on quit)"),

        // Reset is rare and asks first, so at 80 columns it gives its place to the others; help lists it.
        new("r", "reset", "new run in a new folder (this one keeps its checkpoint)", Optional: true),
        new("?", "help", "show this help"),
        new("q", "quit", "save and quit (Ctrl+C too); asks first while training runs"),
    ];

    /// <summary>Keys that are not in the status line, for the help window.</summary>
    public static IReadOnlyList<KeyHint> More { get; } =
    [
        new("↑/↓ PgUp/PgDn", "", "scroll the samples pane (Home: newest)"),
        new("Esc", "", "close a window"),
    ];

    public static IReadOnlyList<KeyHint> Playground { get; } =
    [
        new("type", "", "extend the text; predictions follow every key"),
        new("tab", "", "accept the likeliest character"),
        new("enter", "", "let the model continue 200 characters"),
        new("backspace", "", "delete the last character"),
        new("esc", "", "close the playground"),
    ];

    public static string Temperature(double value) => value.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);
}
