using RnnTui.Commands;
using RnnTui.Plugins;
using RnnTui.Settings;

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

        var catalog = DiscoverWithACopyOfSgd(folder.Path);

        Assert.Empty(catalog.Problems);
        Assert.Equal(PluginOrigin.BuiltIn, catalog.Plugins.Single(p => p.Name == "adagrad").Origin);
        Assert.Equal(PluginOrigin.Folder, catalog.Plugins.Single(p => p.Name == "sgd").Origin);
        Assert.Equal(["built-in", "user folder", "Plugins:Folders"], catalog.Roots.Select(r => r.Origin.Word()));
    }

    [Fact]
    public void PluginsList_SaysWhereEachPluginCameFrom_AndListsTheFoldersSearched()
    {
        using var folder = TestData.TempFolder();
        var catalog = DiscoverWithACopyOfSgd(folder.Path);
        var output = new StringWriter();

        PluginsCommand.Write(catalog, new PluginSelection(), output);

        var text = output.ToString();
        Assert.Contains($" built-in: {Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll")}\n", text, StringComparison.Ordinal);
        Assert.Contains($" Plugins:Folders: {Path.Combine(folder.Path, "extra", "Optimizers.Sgd", "Optimizers.Sgd.dll")}\n", text, StringComparison.Ordinal);
        Assert.Contains(
            $"plugin folders:\n  built-in: {PluginCatalog.DefaultRoot}\n"
            + $"  user folder: {Path.Combine(folder.Path, "no-plugins-yet")} (none yet: rnntui plugins install PATH puts plugins here)\n"
            + $"  Plugins:Folders: {Path.Combine(folder.Path, "extra")}\n",
            text,
            StringComparison.Ordinal);
    }

    /// <summary>
    /// The built-in plugins, a user folder that does not exist, and a Plugins:Folders entry holding a copy of the
    /// built-in SGD (the built-in one turned off by its path, so the two do not clash).
    /// </summary>
    private static PluginCatalog DiscoverWithACopyOfSgd(string work)
    {
        var copy = Path.Combine(work, "extra", "Optimizers.Sgd");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.Sgd")))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return PluginCatalog.DiscoverIn(
            [new(PluginCatalog.DefaultRoot, PluginOrigin.BuiltIn), new(Path.Combine(work, "no-plugins-yet"), PluginOrigin.User), new(Path.Combine(work, "extra"), PluginOrigin.Folder)],
            new HashSet<string>([Path.Combine(PluginCatalog.DefaultRoot, "Optimizers.Sgd")]));
    }

    [Fact]
    public void Discover_HiddenFoldersInARoot_AreNotPlugins()
    {
        using var folder = TestData.TempFolder();
        folder.File(".install-0123/readme.txt", "an install in progress");

        var catalog = PluginCatalog.DiscoverIn([new PluginRoot(folder.Path, PluginOrigin.User)], new HashSet<string>());

        Assert.Empty(catalog.Problems);
        Assert.Equal("rnn", Assert.Single(catalog.Plugins).Name);  // the model that is part of rnntui
    }
}
