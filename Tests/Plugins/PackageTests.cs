using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using RnnTui.Contracts;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// The NuGet packages plugin authors build against: RnnTui.Contracts, with its XML docs and a README that states the
/// compatibility policy, and RnnTui.Testing, with the reference backend inside; both at the contracts' semantic version,
/// whose assembly version is its major and minor only. Packing the solution makes these two and nothing else.
/// </summary>
public sealed class PackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    private static readonly Version Contracts = typeof(IOptimizerProvider).Assembly.GetName().Version!;

    private static string Version => $"{Contracts.Major}.{Contracts.Minor}.{ContractsPatch}";

    /// <summary>The patch number of the contracts' package version, from Directory.Build.props.</summary>
    private static int ContractsPatch
    {
        get
        {
            var props = XDocument.Load(Path.Combine(TestData.RepoRoot, "Directory.Build.props"));
            var version = System.Version.Parse(props.Descendants("ContractsVersion").Single().Value);
            Assert.Equal((Contracts.Major, Contracts.Minor), (version.Major, version.Minor));
            return version.Build;
        }
    }

    private static string ContractsPackage => $"RnnTui.Contracts.{Version}.nupkg";

    private static string TestingPackage => $"RnnTui.Testing.{Version}.nupkg";

    private static string TemplatesPackage => $"RnnTui.Templates.{Version}.nupkg";

    [Fact]
    public void PackingTheSolution_MakesThePackagesForPluginAuthorsOnly()
    {
        Assert.Equal([ContractsPackage, TemplatesPackage, TestingPackage], packages.Files);
    }

    [Fact]
    public void ContractsPackage_HoldsTheDllItsXmlDocsAndTheReadme()
    {
        Assert.Equal(
            ["README.md", "lib/net10.0/RnnTui.Contracts.dll", "lib/net10.0/RnnTui.Contracts.xml"],
            packages.Entries(ContractsPackage).Where(e => !IsPackagingPart(e)).Order(StringComparer.Ordinal));
        var metadata = packages.Metadata(ContractsPackage);
        Assert.Equal(("RnnTui.Contracts", Version, "README.md", "rnntui"), (Value(metadata, "id"), Value(metadata, "version"), Value(metadata, "readme"), Value(metadata, "authors")));
        Assert.Contains("plugin contracts of rnntui", Value(metadata, "description"), StringComparison.Ordinal);
        Assert.Contains("plugin", Value(metadata, "tags").Split(' '));
        Assert.Contains("<member name=\"T:RnnTui.Contracts.IOptimizerProvider\">", Encoding.UTF8.GetString(packages.Read(ContractsPackage, "lib/net10.0/RnnTui.Contracts.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public void ContractsPackage_AssemblyVersionIsThePackageVersionsMajorAndMinor()
    {
        var packed = AssemblyVersion(packages.Read(ContractsPackage, "lib/net10.0/RnnTui.Contracts.dll"));

        Assert.Equal(new Version(Contracts.Major, Contracts.Minor, 0, 0), packed);
        Assert.Equal(Contracts, packed);
    }

    [Fact]
    public void ContractsPackage_DependsOnNothing()
    {
        var dependencies = packages.Metadata(ContractsPackage).Element("dependencies")!;

        Assert.Empty(dependencies.Descendants("dependency"));
    }

    [Fact]
    public void ContractsPackage_ReadmeStatesTheCompatibilityPolicyAndPointsToTheGuide()
    {
        var readme = Encoding.UTF8.GetString(packages.Read(ContractsPackage, "README.md"));

        Assert.Equal(File.ReadAllText(Path.Combine(TestData.RepoRoot, "Contracts", "README.md")), readme);
        foreach (var part in new[] { "## Versions and compatibility", "**Major**", "**Minor**", "**Patch**", "any minor version up to its own", "docs/plugins.md", "## A minimal optimizer" })
        {
            Assert.Contains(part, readme, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("://", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void TestingPackage_HoldsItsDllDocsReadmeAndTheShippedBackends()
    {
        Assert.Equal(
            ["README.md", "lib/net10.0/Backends.Managed.dll", "lib/net10.0/Backends.Simd.dll", "lib/net10.0/RnnTui.Testing.dll", "lib/net10.0/RnnTui.Testing.xml"],
            packages.Entries(TestingPackage).Where(e => !IsPackagingPart(e)).Order(StringComparer.Ordinal));
        var metadata = packages.Metadata(TestingPackage);
        Assert.Equal(("RnnTui.Testing", Version, "README.md"), (Value(metadata, "id"), Value(metadata, "version"), Value(metadata, "readme")));
        Assert.Equal(Contracts, AssemblyVersion(packages.Read(TestingPackage, "lib/net10.0/RnnTui.Testing.dll")));
    }

    [Fact]
    public void TestingPackage_DependsOnTheContractsPackageMathNetAndTensors()
    {
        // MathNet.Numerics for the managed backend, System.Numerics.Tensors for the simd one, both carried in the package.
        var versions = XDocument.Load(Path.Combine(TestData.RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => p.Attribute("Include")!.Value, p => p.Attribute("Version")!.Value);

        var dependencies = packages.Metadata(TestingPackage).Descendants("dependency")
            .Select(d => (d.Attribute("id")!.Value, d.Attribute("version")!.Value))
            .Order();

        Assert.Equal([("MathNet.Numerics", versions["MathNet.Numerics"]), ("RnnTui.Contracts", Version), ("System.Numerics.Tensors", versions["System.Numerics.Tensors"])], dependencies);
    }

    [Fact]
    public void PackageFolder_IsArtifactsPackages_AndGitIgnoresIt()
    {
        var props = XDocument.Load(Path.Combine(TestData.RepoRoot, "Directory.Build.props"));

        Assert.Equal("$(RepoRoot)artifacts/packages/", props.Descendants("PackageOutputPath").Single().Value);
        Assert.Contains("artifacts/", File.ReadAllLines(Path.Combine(TestData.RepoRoot, ".gitignore")));
    }

    private static bool IsPackagingPart(string entry) =>
        entry.EndsWith(".nuspec", StringComparison.Ordinal) || entry.StartsWith("_rels/", StringComparison.Ordinal) || entry.StartsWith("package/", StringComparison.Ordinal) || entry == "[Content_Types].xml";

    private static string Value(XElement metadata, string name) => metadata.Element(name)?.Value ?? "";

    private static Version AssemblyVersion(byte[] dll)
    {
        using var pe = new PEReader(new MemoryStream(dll));
        return pe.GetMetadataReader().GetAssemblyDefinition().Version;
    }
}
