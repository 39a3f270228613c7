namespace RnnTui.Tests.Plugins;

/// <summary><c>rnntui plugins install</c> refuses a plugin built against contracts this rnntui cannot serve, before any of its code runs.</summary>
[Collection(ExternalPluginCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PluginInstallContractsTests(ExternalPluginBuild build)
{
    [Fact]
    public void Install_APluginBuiltForNewerContracts_RefusedNamingBothVersions_NothingWritten()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Newer);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {build.Newer}: Newer.dll: {ExternalPluginBuild.Refusal(ExternalPluginBuild.NewerVersion)}\n", error);
        Assert.Empty(bed.Snapshot());
    }
}
