using System.Xml.Linq;
using RnnTui.Contracts;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// RnnTui.Contracts is the only assembly plugins build against. Its public API is tracked by
/// Microsoft.CodeAnalysis.PublicApiAnalyzers in Contracts/PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt: a change
/// that is not written there fails the build. These tests keep that guard in place.
/// </summary>
public sealed class ContractsApiTests
{
    private static string ContractsFolder => Path.Combine(TestData.RepoRoot, "Contracts");

    [Fact]
    public void PublicApiAnalyzer_IsWiredIntoTheContractsBuild()
    {
        var project = XDocument.Load(Path.Combine(ContractsFolder, "Contracts.csproj"));
        var references = project.Descendants("PackageReference").Select(e => e.Attribute("Include")?.Value);
        var files = project.Descendants("AdditionalFiles").Select(e => e.Attribute("Include")?.Value);

        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", references);
        Assert.Contains("PublicAPI.Shipped.txt", files);
        Assert.Contains("PublicAPI.Unshipped.txt", files);
    }

    [Fact]
    public void EveryPublicType_IsDeclaredInThePublicApiFiles()
    {
        var declared = File.ReadAllLines(Path.Combine(ContractsFolder, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(ContractsFolder, "PublicAPI.Unshipped.txt")))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(typeof(IOptimizerProvider).Assembly.GetExportedTypes(), type => Assert.Contains(type.FullName!, declared));
    }

    [Fact]
    public void Contracts_DependOnNothingButTheFramework()
    {
        var references = typeof(IOptimizerProvider).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), name));
    }
}
