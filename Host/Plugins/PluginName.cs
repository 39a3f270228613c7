namespace RnnTui.Plugins;

/// <summary>A plugin as its <c>[Plugin]</c> attribute names it, with its kind when that is known.</summary>
/// <param name="Kind">Optimizer, backend or corpus; null when it cannot be told without loading the plugin.</param>
/// <param name="Name">The name users select it by.</param>
internal sealed record PluginName(PluginKind? Kind, string Name)
{
    /// <summary>E.g. <c>optimizer adagrad</c>, or just the name when the kind is not known.</summary>
    public override string ToString() => Kind is { } kind ? $"{kind.Word()} {Name}" : Name;
}
