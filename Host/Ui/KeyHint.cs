namespace RnnTui.Ui;

/// <summary>A command as the status line shows it in the current state, made from its <see cref="KeyCommand{T}"/>.</summary>
/// <param name="Keys">The keys, e.g. <c>space/p</c>.</param>
/// <param name="Short">The status line's word for it, e.g. <c>pause</c>.</param>
/// <param name="Help">The help window's sentence for the command.</param>
/// <param name="NarrowKeys">The keys in a narrow status line, when shorter than <paramref name="Keys"/>.</param>
/// <param name="Optional">Left out of a status line too narrow for every key (the help window still lists it).</param>
internal sealed record KeyHint(string Keys, string Short, string Help, string? NarrowKeys = null, bool Optional = false);
