using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>The training text as read by the corpus plugin, its vocabulary, and the text encoded.</summary>
/// <param name="Plugin">The corpus plugin that read it.</param>
/// <param name="Origin">Where the text came from, e.g. its path.</param>
/// <param name="Vocabulary">Its distinct characters.</param>
/// <param name="Text">The text as vocabulary indices; never written after it is read.</param>
internal sealed record CorpusData(PluginInfo Plugin, string Origin, Vocabulary Vocabulary, int[] Text)
{
    /// <summary>Reads the configured corpus and checks that it can train a network of the configured sequence length.</summary>
    /// <exception cref="UsageException">The corpus is missing, unreadable, too short or has a single character.</exception>
    /// <exception cref="PluginException">The corpus plugin failed.</exception>
    public static CorpusData Load(AppSettings settings, PluginCatalog catalog, CancellationToken cancellationToken = default)
    {
        var plugin = catalog.Get<ICorpusSource>(settings.Plugins.Corpus);
        var corpus = PluginFactory.ReadCorpus(plugin, settings, cancellationToken);
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
