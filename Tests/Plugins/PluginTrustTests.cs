using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using RnnTui.Commands;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// Plugin folders and files that other users could have written are refused with the reason and the command that
/// fixes them; group-writable ones and fixed ones load. The tests set mode bits and owners and never rely on a write
/// being denied, since they run as root in CI. Each works on its own copy of the well-behaved plugin 'older'.
/// </summary>
[Collection(ExternalPluginCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class PluginTrustTests(ExternalPluginBuild build)
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101; // 755
    private const UnixFileMode File = (UnixFileMode)0b110_100_100;   // 644

    [Fact]
    public void WorldWritablePluginRoot_Refused()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Root, Folder | UnixFileMode.OtherWrite);

        var catalog = bed.Discover();

        Assert.Equal($"refused: writable by every user (mode 757), so anyone on this machine could make rnntui run their code; fix: chmod o-w {bed.Root}", Reason(catalog, bed.Root));
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "older");
    }

    [Fact]
    public void WorldWritablePluginFolder_Refused()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Plugin, Folder | UnixFileMode.OtherWrite);

        var catalog = bed.Discover();

        Assert.Equal($"refused: writable by every user (mode 757), so anyone on this machine could make rnntui run their code; fix: chmod o-w {bed.Plugin}", Reason(catalog, bed.Plugin));
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "older");
    }

    [Fact]
    public void WorldWritableDll_Refused_AndSelectingThePluginSaysWhy()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Dll, File | UnixFileMode.OtherWrite);

        var catalog = bed.Discover();

        var reason = $"refused: writable by every user (mode 646), so anyone on this machine could make rnntui run their code; fix: chmod o-w {bed.Dll}";
        Assert.Equal(reason, Reason(catalog, bed.Dll));
        var error = Assert.Throws<PluginException>(() => catalog.Get<IOptimizerProvider>("older"));
        Assert.Equal($"optimizer older did not load: {reason} ({bed.Dll}; see rnntui plugins)", error.Message);
    }

    /// <summary>A refused copy of a plugin that loads elsewhere is a clash, not a silent fall back on the other one.</summary>
    [Fact]
    public void RefusedCopyOfAPluginThatLoadsElsewhere_TheNameIsRefusedAsAClash()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Dll, File | UnixFileMode.OtherWrite);

        var catalog = PluginCatalog.Discover([build.Root, bed.Root], new HashSet<string>());

        var error = Assert.Throws<RnnTui.Settings.UsageException>(() => catalog.Get<IOptimizerProvider>("older"));
        Assert.Equal(
            $"optimizer 'older' is defined by 2 plugins, {build.Older} and {bed.Dll} (which did not load: refused: writable by every user (mode 646), so anyone on this machine "
                + $"could make rnntui run their code; fix: chmod o-w {bed.Dll}): rnntui will not choose one; turn one off by adding the path of its DLL or folder to Plugins:Disabled",
            error.Message);
    }

    [Fact]
    public void AnotherWorldWritableDllInThePluginsFolder_Refused()
    {
        using var bed = new Bed(build);
        var helper = Path.Combine(bed.Plugin, "Helper.dll");
        System.IO.File.Copy(bed.Dll, helper);
        System.IO.File.SetUnixFileMode(helper, File | UnixFileMode.OtherWrite);

        var catalog = bed.Discover();

        Assert.StartsWith("refused: writable by every user (mode 646)", Reason(catalog, helper), StringComparison.Ordinal);
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "older");
    }

    [Fact]
    public void DllOwnedByAnotherUser_Refused()
    {
        if (UnixFileStatus.CurrentUser != 0)
        {
            // Only root can give a file away; CI runs as root.
            return;
        }

        using var bed = new Bed(build);
        using (var chown = Process.Start("chown", ["12345", bed.Dll])!)
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var catalog = bed.Discover();

        Assert.Equal(
            $"refused: owned by user 12345, not by you ({Environment.UserName}) or root, so that user could make rnntui run their code; fix: chown {Environment.UserName} {bed.Dll}, or remove it",
            Reason(catalog, bed.Dll));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WorldWritableFolderAboveTheRoot_RefusedUnlessSticky(bool sticky)
    {
        using var bed = new Bed(build, under: "shared");
        var shared = Path.GetDirectoryName(bed.Root)!;
        var everyone = (UnixFileMode)0b111_111_111;
        System.IO.File.SetUnixFileMode(shared, sticky ? everyone | UnixFileMode.StickyBit : everyone);

        var catalog = bed.Discover();

        if (sticky)
        {
            Assert.DoesNotContain(catalog.Problems, p => p.Path.StartsWith(bed.Root, StringComparison.Ordinal));
            Assert.Contains(catalog.Plugins, p => p.Name == "older");
        }
        else
        {
            Assert.Equal(
                $"refused: the folder above it, {shared}, is writable by every user without the sticky bit (mode 777), so anyone could put another plugin folder in its place; "
                    + $"fix: chmod o-w {shared} (or chmod +t {shared}), or keep the plugins elsewhere",
                Reason(catalog, bed.Root));
            Assert.DoesNotContain(catalog.Plugins, p => p.Name == "older");
        }
    }

    [Fact]
    public void GroupWritable_Loads()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Root, Folder | UnixFileMode.GroupWrite);
        System.IO.File.SetUnixFileMode(bed.Plugin, Folder | UnixFileMode.GroupWrite);
        System.IO.File.SetUnixFileMode(bed.Dll, File | UnixFileMode.GroupWrite);

        var catalog = bed.Discover();

        Assert.Equal(build.Older.Replace(build.Root, bed.Root, StringComparison.Ordinal), catalog.Get<IOptimizerProvider>("older").AssemblyPath);
    }

    [Fact]
    public void PermissionsFixed_Loads()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Dll, File | UnixFileMode.OtherWrite);
        Assert.Throws<PluginException>(() => bed.Discover().Get<IOptimizerProvider>("older"));

        System.IO.File.SetUnixFileMode(bed.Dll, File);

        Assert.Equal(bed.Dll, bed.Discover().Get<IOptimizerProvider>("older").AssemblyPath);
    }

    [Fact]
    public void Commands_ARefusedPlugin_ListedByRnntuiPluginsAndNamedWhenSelected()
    {
        using var bed = new Bed(build);
        System.IO.File.SetUnixFileMode(bed.Plugin, Folder | UnixFileMode.OtherWrite);
        var config = bed.Folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { bed.Root } } }));
        var reason = $"refused: writable by every user (mode 757), so anyone on this machine could make rnntui run their code; fix: chmod o-w {bed.Plugin}";

        var (code, output, _) = CliTests.Run(["plugins", "--config", config]);
        var (trainCode, _, error) = CliTests.Run(["train", "--headless", "--config", config, "--optimizer", "older", "--steps", "1", "--runs-dir", bed.Folder.Path]);

        Assert.Equal(RnnTuiApp.Ok, code);
        Assert.Contains($"  {bed.Plugin}: optimizer older: {reason}\n", output, StringComparison.Ordinal);
        Assert.Equal($"rnntui: optimizer older did not load: {reason} ({bed.Plugin}; see rnntui plugins)\n", error);
        Assert.Equal(RnnTuiApp.Failed, trainCode);
    }

    /// <summary>A relative entry of Plugins:Folders starts at the settings file's folder, whatever the current folder is.</summary>
    [Fact]
    public void RelativeFoldersEntry_ResolvesAgainstTheSettingsFilesFolder()
    {
        using var bed = new Bed(build);
        var config = bed.Folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { "Plugins" } } }));

        var (code, output, _) = CliTests.Run(["plugins", "--config", config]);

        Assert.Equal(RnnTuiApp.Ok, code);
        Assert.Contains(bed.Dll + "\n", output, StringComparison.Ordinal);
        Assert.NotEqual(bed.Folder.Path, Directory.GetCurrentDirectory());
    }

    private static string Reason(PluginCatalog catalog, string path) => Assert.Single(catalog.Problems, p => p.Path == path).Reason;

    /// <summary>A temporary plugin root holding a copy of the plugin 'older', every mode set to 755 or 644.</summary>
    [UnsupportedOSPlatform("windows")]
    private sealed class Bed : IDisposable
    {
        public Bed(ExternalPluginBuild build, string under = "")
        {
            Root = Path.Combine(Folder.Path, under, "Plugins");
            Plugin = Path.Combine(Root, "Older");
            Directory.CreateDirectory(Plugin);
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(build.Older)!))
            {
                System.IO.File.Copy(file, Path.Combine(Plugin, Path.GetFileName(file)));
                System.IO.File.SetUnixFileMode(Path.Combine(Plugin, Path.GetFileName(file)), PluginTrustTests.File);
            }

            for (var folder = Plugin; folder != Folder.Path; folder = Path.GetDirectoryName(folder)!)
            {
                System.IO.File.SetUnixFileMode(folder, PluginTrustTests.Folder);
            }
        }

        public TempFolder Folder { get; } = TestData.TempFolder();

        public string Root { get; }

        public string Plugin { get; }

        public string Dll => Path.Combine(Plugin, "Older.dll");

        public PluginCatalog Discover() => PluginCatalog.Discover([Root], new HashSet<string>());

        public void Dispose() => Folder.Dispose();
    }
}
