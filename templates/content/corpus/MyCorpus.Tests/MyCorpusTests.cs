using RnnTui.Contracts;
using RnnTui.Testing;

namespace MyCorpus.Tests;

public sealed class MyCorpusTests
{
    /// <summary>Everything rnntui relies on: cancellation, bad input as PluginInputException, the size limit.</summary>
    [Fact]
    public void PassesRnnTuisConformanceCheck() =>
        Conformance.CheckCorpus(new MyCorpusSource()).ThrowIfFailed();

    [Fact]
    public void ReadsTheFileLowerCased()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mycorpus-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "To BE, or not to be");
        try
        {
            var text = new MyCorpusSource().Read(new PluginSettings([new("path", path)]), CancellationToken.None);

            Assert.Equal("to be, or not to be", text.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
