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
    /// <summary>The part training reads: the whole text, or its head when a validation tail is held out.</summary>
    public int[] TrainingText { get; init; } = Text;

    /// <summary>The tail held out for the validation loss; empty when there is none.</summary>
    public int[] HeldOut { get; init; } = [];

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

        var text = vocabulary.Encode(corpus.Text);
        var data = new CorpusData(plugin, corpus.Origin, vocabulary, text);
        return settings.Training.Validation > 0 ? data.Split(settings.Training.Validation, seqLength) : data;
    }

    /// <summary>
    /// Holds out the last <paramref name="fraction"/> of the text (rounded down to whole characters). The vocabulary
    /// stays the whole text's, so every held-out character is one the network knows.
    /// </summary>
    /// <exception cref="UsageException">The head or the tail is too short for one sequence.</exception>
    private CorpusData Split(double fraction, int seqLength)
    {
        var heldOut = (int)Math.Floor(fraction * Text.Length);
        var head = Text.Length - heldOut;
        if (heldOut < seqLength + 1 || head < seqLength + 1)
        {
            throw new UsageException($"--validation {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} holds out {heldOut} of the corpus's {Text.Length} characters, leaving {head} to train on; each part needs at least {seqLength + 1} (a sequence of {seqLength}): {Origin}");
        }

        return this with { TrainingText = Text[..head], HeldOut = Text[head..] };
    }
}
