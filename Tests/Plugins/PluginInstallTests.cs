using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// <c>rnntui plugins install</c> from a plugin's folder, its DLL and its NuGet package, into a user plugin folder of
/// the test's own; then <c>rnntui plugins</c> lists it as from the user folder and training uses it. Refusals are one
/// line, exit code 2, and leave the user folder as it was.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PluginInstallTests(InstallablePluginBuild build) : IClassFixture<InstallablePluginBuild>
{
    private const UnixFileMode OthersMayWrite = UnixFileMode.OtherWrite;

    [Fact]
    public void Install_FromAFolder_PutsNameSlashNameDllInTheUserFolder_AndPluginsShowsItsOrigin()
    {
        using var bed = new PluginInstallBed();
        var folder = Path.Combine(bed.Work, "TinyStep");
        CopyFolder(build.BuildFolder, folder);

        var (code, output, error) = bed.Rnntui("plugins", "install", folder);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var installed = Path.Combine(bed.UserRoot, "TinyStep");
        Assert.StartsWith($"installed TinyStep in {installed}\n", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  optimizer +tinystep +3\.2\.1 +Plain gradient descent", output);
        Assert.True(File.Exists(Path.Combine(installed, "TinyStep.dll")));
        Assert.Contains("TinyStep.deps.json", bed.Installed().Select(Path.GetFileName));
        Assert.All(bed.Installed(), p => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(bed.UserRoot, p)) & OthersMayWrite));

        var (listed, list, _) = bed.Rnntui("plugins");
        Assert.Equal(0, listed);
        Assert.Matches(@"optimizer +tinystep +3\.2\.1 ", list);
        Assert.Contains($"user folder: {Path.Combine(installed, "TinyStep.dll")}", list, StringComparison.Ordinal);
        Assert.Contains($"built-in: {Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll")}", list, StringComparison.Ordinal);
        Assert.Contains($"  user folder: {bed.UserRoot}\n", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_FromADll_InstallsItsWholeFolderNamedAfterTheDll()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Dll);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.dll"), bed.Installed());
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.deps.json"), bed.Installed());
    }

    [Fact]
    public void Install_FromANupkg_InstallsItsLibFolder_AndTrainingUsesTheInstalledPlugin()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Package);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.dll"), bed.Installed());
        Assert.DoesNotContain(bed.Installed(), p => p.StartsWith('.'));

        var corpus = bed.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(bed.Work, "runs");
        var (trained, progress, problem) = bed.Rnntui("train", "--headless", "--optimizer", "tinystep", "--corpus", corpus, "--hidden", "8",
            "--steps", "30", "--progress-interval", "10", "--sample-interval", "1000000", "--run", "tiny", "--runs-dir", runs);

        Assert.Equal("", problem);
        Assert.Equal(0, trained);
        Assert.Contains("step 30", progress, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs, "tiny", "run.json")));
        var optimizer = manifest.RootElement.GetProperty("plugins").GetProperty("optimizer");
        Assert.Equal("tinystep", optimizer.GetProperty("name").GetString());
        Assert.Equal("3.2.1", optimizer.GetProperty("version").GetString());
    }

    [Fact]
    public void Install_APackageForAnOlderNet_TakesItsNewestLibFolderThisRuntimeLoads()
    {
        using var bed = new PluginInstallBed();
        var package = Path.Combine(bed.Work, "Acme.Tiny.1.0.0.nupkg");
        WritePackage(package, "Acme.Tiny", "", ("lib/netstandard2.0/TinyStep.dll", [1, 2, 3]), ("lib/net8.0/TinyStep.dll", File.ReadAllBytes(build.Dll)), ("lib/net99.0/TinyStep.dll", [4, 5, 6]));

        var (code, output, error) = bed.Rnntui("plugins", "install", package);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_Again_RefusedWithoutForce_ReplacedWithForce()
    {
        using var bed = new PluginInstallBed();
        Assert.Equal(0, bed.Rnntui("plugins", "install", build.Dll).Code);
        var marker = bed.File(Path.Combine("data", "rnntui", "plugins", "TinyStep", "old-install.txt"), "from the first install");

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Package);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {build.Package}: TinyStep is already installed ({Path.Combine(bed.UserRoot, "TinyStep")}); give --force to replace it\n", error);
        Assert.True(File.Exists(marker));

        var (forced, replaced, problem) = bed.Rnntui("plugins", "install", build.Package, "--force");

        Assert.Equal("", problem);
        Assert.Equal(0, forced);
        Assert.StartsWith($"replaced TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", replaced, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
        Assert.DoesNotContain(bed.Installed(), p => p.StartsWith('.'));
    }

    [Fact]
    public void Install_APluginWhoseNameIsTaken_Refused()
    {
        using var bed = new PluginInstallBed();
        Assert.Equal(0, bed.Rnntui("plugins", "install", build.Dll).Code);
        var copy = Path.Combine(bed.Work, "Copy");
        CopyFolder(build.BuildFolder, copy);
        File.Move(Path.Combine(copy, "TinyStep.dll"), Path.Combine(copy, "Copy.dll"));
        var before = bed.Installed();

        var (code, output, error) = bed.Rnntui("plugins", "install", copy);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {copy}: its optimizer 'tinystep' has the name of one already installed, {Path.Combine(bed.UserRoot, "TinyStep", "TinyStep.dll")} (user folder); rnntui never uses two plugins of one name\n", error);
        Assert.Equal(before, bed.Installed());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing", "{0}: no such file or folder" },
        { "text", "{0}: not a plugin; give a plugin's DLL, its folder, or a .nupkg" },
        { "garbage", "{0}: Garbage.dll: not a .NET assembly" },
        { "no-plugin", "{0}: MathNet.Numerics.dll: no public type implements IOptimizerProvider, IComputeBackend or ICorpusSource" },
        { "builtin-name", "{0}: its optimizer 'adagrad' has the name of one already installed, " + Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll") + " (built-in); rnntui never uses two plugins of one name" },
        { "not-zip", "{0}: not a NuGet package (not a zip file)" },
        { "no-lib", "{0}: no lib/net10.0 folder (nor an older netX.Y or netstandard2.x) in it; it has lib/net99.0" },
        { "dependencies", "{0}: it depends on MathNet.Numerics 5.0.0, which install does not fetch; install the plugin's build folder instead (dotnet build -o DIR, then rnntui plugins install DIR)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Install_Refused_OneLineExitCode2AndTheUserFolderUnchanged(string what, string message)
    {
        using var bed = new PluginInstallBed();
        var path = Make(bed, what);

        var (code, output, error) = bed.Rnntui("plugins", "install", path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path)}\n", error);
        Assert.Empty(bed.Installed());
    }

    private string Make(PluginInstallBed bed, string what)
    {
        switch (what)
        {
            case "missing":
                return Path.Combine(bed.Work, "NoSuchPlugin.dll");
            case "text":
                return bed.File("readme.txt", "not a plugin");
            case "garbage":
                return bed.File("Garbage/Garbage.dll", "this is not a DLL at all");
            case "no-plugin":
                var dll = Path.Combine(bed.Work, "MathNet.Numerics", "MathNet.Numerics.dll");
                Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Plugins", "Backends.Managed", "MathNet.Numerics.dll"), dll);
                return dll;
            case "builtin-name":
                // The built-in AdaGrad copied under another name is a second 'adagrad'.
                var copy = Path.Combine(bed.Work, "MyAdaGrad");
                CopyFolder(Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad"), copy);
                File.Move(Path.Combine(copy, "Optimizers.AdaGrad.dll"), Path.Combine(copy, "MyAdaGrad.dll"));
                return copy;
            case "not-zip":
                return bed.File("Broken.1.0.0.nupkg", "not a zip");
            case "no-lib":
                var future = Path.Combine(bed.Work, "Future.1.0.0.nupkg");
                WritePackage(future, "Future", "", ("lib/net99.0/Future.dll", File.ReadAllBytes(build.Dll)));
                return future;
            default:
                var dependent = Path.Combine(bed.Work, "Dependent.1.0.0.nupkg");
                WritePackage(dependent, "Dependent", """<dependencies><group targetFramework="net10.0"><dependency id="MathNet.Numerics" version="5.0.0" /><dependency id="RnnTui.Contracts" version="1.1.0" /></group></dependencies>""",
                    ("lib/net10.0/Dependent.dll", File.ReadAllBytes(build.Dll)));
                return dependent;
        }
    }

    /// <summary>Writes a NuGet package by hand: a nuspec with an id and dependencies, and these files.</summary>
    private static void WritePackage(string path, string id, string dependencies, params (string Name, byte[] Bytes)[] files)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
        {
            nuspec.Write($"""<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>1.0.0</version>{dependencies}</metadata></package>""");
        }

        foreach (var (name, bytes) in files)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(bytes);
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
