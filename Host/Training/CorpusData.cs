using RnnTui.Cli;
using RnnTui.Contracts;
using RnnTui.Plugins;

namespace RnnTui.Training;

/// <summary>The training text as read by the corpus plugin, its vocabulary, and the text encoded.</summary>
/// <param name="Plugin">The corpus plugin that read it.</param>
/// <param name="Origin">Where the text came from, e.g. its path.</param>
/// <param name="Vocabulary">Its distinct characters.</param>
/// <param name="Text">The text as vocabulary indices.</param>
internal sealed record CorpusData(PluginDescriptor Plugin, string Origin, Vocabulary Vocabulary, int[] Text)
{
    /// <summary>Reads the configured corpus and checks that it can train a network of the configured sequence length.</summary>
    /// <exception cref="UsageException">The corpus is missing, unreadable, too short or has a single character.</exception>
    public static CorpusData Load(AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default)
    {
        var plugin = catalog.Get(PluginKind.Corpus, settings.Plugins.Corpus);
        var pluginSettings = settings.For(plugin.Name);
        CorpusText corpus;
        try
        {
            corpus = ((ICorpusSource)plugin.Instance).Read(pluginSettings, cancellationToken);
        }
        catch (PluginInputException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new UsageException($"corpus plugin {plugin.Name} failed: {e.Message.ReplaceLineEndings(" ")}");
        }

        PluginSettingsCheck.ThrowIfUnread(plugin, pluginSettings);
        var seqLength = settings.Model.SeqLength;
        if (corpus.Text.Length < seqLength + 1)
        {
            throw new UsageException($"corpus has {corpus.Text.Length} characters; a sequence length of {seqLength} needs at least {seqLength + 1}: {corpus.Origin}");
        }

        var vocabulary = Vocabulary.Of(corpus.Text);
        if (vocabulary.Count < 2)
        {
            throw new UsageException($"corpus has a single distinct character, nothing to learn: {corpus.Origin}");
        }

        return new CorpusData(plugin, corpus.Origin, vocabulary, vocabulary.Encode(corpus.Text));
    }
}
