namespace RnnTui.Contracts;

/// <summary>The text a corpus source yields.</summary>
/// <param name="Text">The whole text.</param>
/// <param name="Origin">Where it came from, for display, e.g. a file path.</param>
public sealed record CorpusText(string Text, string Origin);
