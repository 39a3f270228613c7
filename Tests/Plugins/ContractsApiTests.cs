using System.Xml.Linq;
using RnnTui.Contracts;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// RnnTui.Contracts is the only assembly plugins build against, and RnnTui.Testing the one their tests call. The public
/// API of each is tracked by Microsoft.CodeAnalysis.PublicApiAnalyzers in its PublicAPI.Shipped.txt and
/// PublicAPI.Unshipped.txt: a change that is not written there fails the build. These tests keep that guard in place.
/// </summary>
public sealed class ContractsApiTests
{
    public static TheoryData<string> Projects => ["Contracts", "Testing"];

    [Theory]
    [MemberData(nameof(Projects))]
    public void PublicApiAnalyzer_IsWiredIntoTheBuild(string folder)
    {
        var project = XDocument.Load(Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, folder), "*.csproj").Single());
        var references = project.Descendants("PackageReference").Select(e => e.Attribute("Include")?.Value);
        var files = project.Descendants("AdditionalFiles").Select(e => e.Attribute("Include")?.Value);

        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", references);
        Assert.Contains("PublicAPI.Shipped.txt", files);
        Assert.Contains("PublicAPI.Unshipped.txt", files);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryPublicType_IsDeclaredInThePublicApiFiles(string folder)
    {
        var declared = File.ReadAllLines(Path.Combine(TestData.RepoRoot, folder, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(TestData.RepoRoot, folder, "PublicAPI.Unshipped.txt")))
            .ToHashSet(StringComparer.Ordinal);
        var assembly = folder == "Contracts" ? typeof(IOptimizerProvider).Assembly : typeof(RnnTui.Testing.Conformance).Assembly;

        Assert.All(assembly.GetExportedTypes(), type => Assert.Contains(type.FullName!, declared));
    }

    [Fact]
    public void Contracts_DependOnNothingButTheFramework()
    {
        var references = typeof(IOptimizerProvider).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), name));
    }
}
