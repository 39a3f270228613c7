using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using RnnTui.Plugins;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// The compatibility policy of RnnTui.Contracts (Contracts/README.md): rnntui loads a plugin built against its own
/// major version and any minor version up to its own, and refuses one built against another major version or a newer
/// minor version before any of its code runs. The plugins here are assemblies that hold nothing but a reference to the
/// contracts at a version, which is all the check reads; <see cref="PluginLoadFailureTests"/> has real builds against
/// an older and a newer minor version.
/// </summary>
public sealed class ContractsCompatibilityTests
{
    private static readonly Version Host = ExternalPluginBuild.HostContracts;

    public static TheoryData<string, string> Refused => new()
    {
        { $"{Host.Major - 1}.9.0.0", $"an older major version than this rnntui's {Host}: rebuild the plugin against RnnTui.Contracts {Host.ToString(2)}" },
        { $"{Host.Major + 1}.0.0.0", $"newer than this rnntui's {Host}: upgrade rnntui, or rebuild the plugin against RnnTui.Contracts {Host.ToString(2)}" },
        { $"{Host.Major}.{Host.Minor + 1}.0.0", $"newer than this rnntui's {Host}: upgrade rnntui, or rebuild the plugin against RnnTui.Contracts {Host.ToString(2)}" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Plugin_BuiltAgainstAnotherMajorOrANewerMinorVersion_RefusedNamingBothVersions(string version, string why)
    {
        using var root = TestData.TempFolder();
        var dll = BuiltAgainst(root, new Version(version));

        var catalog = PluginCatalog.Discover([root.Path], new HashSet<string>());

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(dll, problem.Path);
        Assert.Equal($"built against RnnTui.Contracts {version}, {why}", problem.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Plugin_BuiltAgainstThisMajorVersionAndAnOlderOrTheSameMinor_NotRefusedForItsVersion(int minorsBack)
    {
        Assert.True(Host.Minor >= minorsBack, "rnntui's contracts have no older minor version to test with");
        using var root = TestData.TempFolder();
        var dll = BuiltAgainst(root, new Version(Host.Major, Host.Minor - minorsBack, 0, 0));

        var catalog = PluginCatalog.Discover([root.Path], new HashSet<string>());

        // It is loaded; holding no plugin type is then its only problem.
        var problem = Assert.Single(catalog.Problems);
        Assert.Equal((dll, "no public type implements IOptimizerProvider, IComputeBackend, ICorpusSource or IRecurrentModel"), (problem.Path, problem.Reason));
    }

    [Fact]
    public void ContractsAssemblyVersion_IsMajorAndMinorOnly()
    {
        Assert.Equal(new Version(Host.Major, Host.Minor, 0, 0), Host);
    }

    /// <summary>
    /// Writes <c>Probe/Probe.dll</c> under the root: an assembly with no types that references RnnTui.Contracts at
    /// <paramref name="contracts"/>, as a plugin compiled against that version does.
    /// </summary>
    private static string BuiltAgainst(TempFolder root, Version contracts)
    {
        var metadata = new MetadataBuilder();
        metadata.AddModule(0, metadata.GetOrAddString("Probe.dll"), metadata.GetOrAddGuid(Guid.NewGuid()), default, default);
        metadata.AddAssembly(metadata.GetOrAddString("Probe"), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.Sha1);
        metadata.AddAssemblyReference(metadata.GetOrAddString("RnnTui.Contracts"), contracts, default, default, default, default);
        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        var image = new BlobBuilder();
        new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), new BlobBuilder()).Serialize(image);
        return root.File("Probe/Probe.dll", image.ToArray());
    }
}
