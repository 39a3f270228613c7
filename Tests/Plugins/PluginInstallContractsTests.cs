namespace RnnTui.Tests.Plugins;

/// <summary><c>rnntui plugins install</c> refuses a plugin built against contracts this rnntui cannot serve, before any of its code runs.</summary>
[Collection(ExternalPluginCollection.Name)]
public sealed class PluginInstallContractsTests(ExternalPluginBuild build)
{
    [Fact]
    public void Install_APluginBuiltForNewerContracts_RefusedNamingBothVersions()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Newer);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"rnntui: cannot install {build.Newer}: Newer.dll: built against RnnTui.Contracts 1.2.0.0, newer than this rnntui's ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(bed.Installed());
    }
}
