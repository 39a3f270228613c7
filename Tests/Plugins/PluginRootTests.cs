using RnnTui.Plugins;

namespace RnnTui.Tests.Plugins;

/// <summary>Where the user's plugin folder is, and that each plugin found says which kind of folder it came from.</summary>
public sealed class PluginRootTests
{
    [Theory]
    [InlineData("/data", "/home/ione", "/data/rnntui/plugins")]
    [InlineData(null, "/home/ione", "/home/ione/.local/share/rnntui/plugins")]
    [InlineData("", "/home/ione", "/home/ione/.local/share/rnntui/plugins")]
    [InlineData("relative/data", "/home/ione", "/home/ione/.local/share/rnntui/plugins")]
    public void UserFolder_FollowsXdgDataHome_ElseTheHomeFolder(string? data, string home, string expected)
    {
        var environment = new Dictionary<string, string?> { ["XDG_DATA_HOME"] = data, ["HOME"] = home };

        Assert.Equal(expected, PluginRoot.UserFolderFor(name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public void Discover_EachPluginCarriesTheOriginOfItsRoot_AndAMissingUserFolderIsNoProblem()
    {
        using var folder = TestData.TempFolder();
        var missingUserFolder = Path.Combine(folder.Path, "no-plugins-yet");
        var copy = Path.Combine(folder.Path, "extra", "Optimizers.Sgd");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.Sgd")))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var catalog = PluginCatalog.DiscoverIn(
            [new(PluginCatalog.DefaultRoot, PluginOrigin.BuiltIn), new(missingUserFolder, PluginOrigin.User), new(Path.Combine(folder.Path, "extra"), PluginOrigin.Folder)],
            new HashSet<string>([Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.Sgd")]));

        Assert.Empty(catalog.Problems);
        Assert.Equal(PluginOrigin.BuiltIn, catalog.Plugins.Single(p => p.Name == "adagrad").Origin);
        Assert.Equal(PluginOrigin.Folder, catalog.Plugins.Single(p => p.Name == "sgd").Origin);
        Assert.Equal(["built-in", "user folder", "Plugins:Folders"], catalog.Roots.Select(r => r.Origin.Word()));
    }

    [Fact]
    public void Discover_HiddenFoldersInARoot_AreNotPlugins()
    {
        using var folder = TestData.TempFolder();
        folder.File(".install-0123/readme.txt", "an install in progress");

        var catalog = PluginCatalog.DiscoverIn([new PluginRoot(folder.Path, PluginOrigin.User)], new HashSet<string>());

        Assert.Empty(catalog.Problems);
        Assert.Empty(catalog.Plugins);
    }
}
