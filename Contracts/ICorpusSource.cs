namespace RnnTui.Contracts;

/// <summary>
/// Where training text comes from. Implementations are discovered in the plugin folders and need a public
/// parameterless constructor and a <see cref="PluginAttribute"/>.
/// </summary>
public interface ICorpusSource : IPlugin
{
    /// <summary>Reads the text named by the settings.</summary>
    /// <param name="settings">Where the text is, e.g. <c>path</c>.</param>
    /// <param name="cancellationToken">Stops a long read.</param>
    /// <exception cref="PluginInputException">The text cannot be had (missing, empty, not text); the message says why in one line.</exception>
    CorpusText Read(PluginSettings settings, CancellationToken cancellationToken);
}
