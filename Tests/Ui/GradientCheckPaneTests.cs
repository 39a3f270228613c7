using RnnTui.Tests.Plugins;
using RnnTui.Training;
using RnnTui.Ui;

namespace RnnTui.Tests.Ui;

public sealed class GradientCheckPaneTests
{
    [Theory]
    [InlineData("f64", "PASS max ", false)]
    [InlineData("f32", "FAIL max ", true)]
    public void Lines_VerdictAndForAFloat32BackendWhyItFails(string precision, string verdict, bool noted)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        var report = GradientCheckReport.Create(TestData.Settings("--corpus", corpus, "--backend", "simd", "--precision", precision), Catalog.Instance);

        var lines = GradientCheckPane.Build(report).Select(l => l.Text).ToList();

        Assert.Equal(["param", "U", "W", "V", "b", "c"], lines.Skip(2).Take(6).Select(l => l.Split(' ')[0]));
        Assert.StartsWith(verdict, lines[8], StringComparison.Ordinal);
        Assert.Equal(noted ? 1 : -1, lines.IndexOf("f32 backend: needs float64 to pass"));
        Assert.Single(lines, l => l.StartsWith("h 1e-4  seed 1  loss ", StringComparison.Ordinal));
    }
}
