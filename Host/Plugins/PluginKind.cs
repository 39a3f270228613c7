namespace RnnTui.Plugins;

/// <summary>The three things a plugin can be.</summary>
internal enum PluginKind
{
    Optimizer,
    Backend,
    Corpus,
}
