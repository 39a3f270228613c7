using Terminal.Gui.Input;

namespace RnnTui.Ui;

/// <summary>
/// One line of a screen's key table: the keys that run a command, and how the status line and the help window show
/// it. A screen declares its commands once (<see cref="MainWindow.Keys"/>, <see cref="PlaygroundOverlay.Keys"/>),
/// and the key dispatch, the status line and the help window all read that declaration.
/// </summary>
/// <typeparam name="T">The screen the command runs on.</typeparam>
internal sealed class KeyCommand<T>
{
    private readonly List<Binding> _bindings = [];
    private readonly Action<T, char>? _typed;

    /// <summary>A command run by <paramref name="bound"/>.</summary>
    /// <param name="keys">The keys as the help window and a wide status line write them, e.g. <c>space/p</c>.</param>
    /// <param name="help">The help window's sentence.</param>
    /// <param name="run">What the keys do.</param>
    /// <param name="bound">The keys; a character stands for the key that types it (<c>'p'</c> is <see cref="Key.P"/>).</param>
    public KeyCommand(string keys, string help, Action<T> run, params Key[] bound)
    {
        Keys = keys;
        Help = help;
        And(run, bound);
    }

    /// <summary>A command run by every key that types a character and is not bound to another command.</summary>
    public KeyCommand(string keys, string help, Action<T, char> typed)
    {
        Keys = keys;
        Help = help;
        _typed = typed;
    }

    /// <summary>The keys as the help window and a wide status line write them.</summary>
    public string Keys { get; }

    /// <summary>The help window's sentence.</summary>
    public string Help { get; }

    /// <summary>The status line's word, which may follow the state (pause or resume); null leaves the command to the help window.</summary>
    public Func<KeyState, string>? Short { get; init; }

    /// <summary>The keys in a narrow status line, when shorter than <see cref="Keys"/>.</summary>
    public string? Narrow { get; init; }

    /// <summary>Left out of a status line too narrow for every command (the help window still lists it).</summary>
    public bool Optional { get; init; }

    /// <summary>Whether the command takes every typed character not bound elsewhere.</summary>
    public bool TakesTyping => _typed is not null;

    /// <summary>Every key bound to the command.</summary>
    public IEnumerable<Key> Bound => _bindings.Select(b => b.Key);

    /// <summary>The keys that run the command even while a window is open, before the window sees them.</summary>
    public IEnumerable<Key> BoundAnywhere => _bindings.Where(b => b.Anywhere).Select(b => b.Key);

    /// <summary>Binds more keys, shown on the same line, to an action of their own (<c>-</c> beside <c>+</c>).</summary>
    public KeyCommand<T> And(Action<T> run, params Key[] bound)
    {
        _bindings.AddRange(bound.Select(k => new Binding(k, run, Anywhere: false)));
        return this;
    }

    /// <summary>Binds keys that run the command's first action from anywhere, open windows included (Ctrl+C).</summary>
    public KeyCommand<T> Anywhere(params Key[] bound)
    {
        var run = _bindings[0].Run;
        _bindings.AddRange(bound.Select(k => new Binding(k, run, Anywhere: true)));
        return this;
    }

    /// <summary>The status line's entry for the state, or null when the command is only in the help window.</summary>
    public KeyHint? Hint(KeyState state) => Short is null ? null : new KeyHint(Keys, Short(state), Help, Narrow, Optional);

    /// <summary>Runs the action bound to <paramref name="key"/>, if one is (only those bound anywhere when <paramref name="anywhereOnly"/>).</summary>
    internal bool TryRunBound(T target, Key key, bool anywhereOnly)
    {
        foreach (var binding in _bindings)
        {
            if (binding.Key == key && (binding.Anywhere || !anywhereOnly))
            {
                binding.Run(target);
                return true;
            }
        }

        return false;
    }

    /// <summary>Hands a typed character to the command, if it takes typing.</summary>
    internal bool TryRunTyped(T target, Key key)
    {
        if (_typed is null || !Typed(key, out var c))
        {
            return false;
        }

        _typed(target, c);
        return true;
    }

    /// <summary>The character a key types, if it types one (no Ctrl or Alt, not a control character).</summary>
    private static bool Typed(Key key, out char typed)
    {
        typed = '\0';
        if (key.IsCtrl || key.IsAlt)
        {
            return false;
        }

        var text = key.GetPrintableText();
        if (text.Length != 1 || char.IsControl(text[0]))
        {
            return false;
        }

        typed = text[0];
        return true;
    }

    private sealed record Binding(Key Key, Action<T> Run, bool Anywhere);
}
