using Terminal.Gui.Input;

namespace RnnTui.Ui;

/// <summary>
/// A screen's key commands in the order the status line and the help window show them; it dispatches a key to the
/// command bound to it. Keys are Terminal.Gui <see cref="Key"/> values compared with its own equality, so <c>'p'</c>
/// and <see cref="Key.P"/> are the same key and Ctrl+P is another.
/// </summary>
/// <remarks>
/// Not Terminal.Gui's <c>KeyBindings</c>: those bind a key to members of its <see cref="Command"/> enum, which is
/// closed (its values are frozen as an ABI contract) and has nothing for "sample from the best parameters" or
/// "raise the temperature"; routing every command through one borrowed member with the action in
/// <c>KeyBinding.Data</c> would keep this table and add a lookup. Windows whose keys do have a
/// <see cref="Command"/> (scrolling, Esc as <see cref="Command.Cancel"/>) bind them with <c>KeyBindings</c>
/// (<see cref="TextOverlay"/>, <see cref="Overlay"/>).
/// </remarks>
internal sealed class KeyTable<T>
{
    public KeyTable(IReadOnlyList<KeyCommand<T>> commands)
    {
        // A key bound twice would run only the first command: say so when the table is built, not when the key is pressed.
        var twice = commands.SelectMany(c => c.Bound.Select(k => (Key: k, c.Keys))).GroupBy(b => b.Key).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"key {twice.Key} is bound twice, in {string.Join(" and ", twice.Select(b => b.Keys))}", nameof(commands));
        }

        Commands = commands;
    }

    public IReadOnlyList<KeyCommand<T>> Commands { get; }

    /// <summary>The status line's entries for the state, in table order.</summary>
    public IReadOnlyList<KeyHint> Hints(KeyState state) => [.. Commands.Select(c => c.Hint(state)).OfType<KeyHint>()];

    /// <summary>The key column of a help line: the widest keys (<c>↑/↓ PgUp/PgDn</c>) and a space.</summary>
    private const int HelpKeyColumn = 16;

    /// <summary>The help window's lines: each command's keys and its sentence, wrapped between words beside the keys.</summary>
    public IEnumerable<Line> HelpLines(int width)
    {
        foreach (var command in Commands)
        {
            var sentence = WordWrap.Lines(command.Help, Math.Max(10, width - HelpKeyColumn)).ToList();
            yield return new Line($"{command.Keys,-(HelpKeyColumn - 1)} {sentence[0]}");
            foreach (var more in sentence.Skip(1))
            {
                yield return new Line(new string(' ', HelpKeyColumn) + more);
            }
        }
    }

    /// <summary>Runs the command bound to the key, or else the one that takes typing; returns the command run, or null.</summary>
    public KeyCommand<T>? Run(T target, Key key) =>
        Commands.FirstOrDefault(c => c.TryRunBound(target, key, anywhereOnly: false))
        ?? Commands.FirstOrDefault(c => c.TryRunTyped(target, key));

    /// <summary>Runs the command bound to the key from anywhere (open windows included), or returns null.</summary>
    public KeyCommand<T>? RunAnywhere(T target, Key key) =>
        Commands.FirstOrDefault(c => c.TryRunBound(target, key, anywhereOnly: true));
}
