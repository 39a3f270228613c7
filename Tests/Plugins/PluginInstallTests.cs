using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// <c>rnntui plugins install</c> from a plugin's DLL, its folder and its NuGet package, into a user plugin folder of
/// the test's own; then <c>rnntui plugins</c> lists it as from the user folder and training uses it. Refusals are one
/// line, exit code 2, and leave the user's data folder byte-identical (absent when it was).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PluginInstallTests(InstallablePluginBuild build) : IClassFixture<InstallablePluginBuild>
{
    private static readonly string BuiltInAdaGrad = Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad", "Optimizers.AdaGrad.dll");

    [Fact]
    public void Install_FromADll_InstallsItsWholeFolderNamedAfterTheDll_PluginsShowsItsOrigin_AndTrainingUsesIt()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Dll);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var installed = Path.Combine(bed.UserRoot, "TinyStep");
        Assert.Equal(
            [
                $"installed TinyStep in {installed}",
                "  optimizer  tinystep     3.2.1     Plain gradient descent with a tiny step",
                "             select it: rnntui train --optimizer tinystep (or Plugins:Optimizer in plugins.json)",
            ],
            Lines(output));
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.dll"), bed.Installed());
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.deps.json"), bed.Installed());
        Assert.DoesNotContain(bed.Installed(), p => p.StartsWith('.'));
        Assert.All(bed.Installed(), p => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(bed.UserRoot, p)) & UnixFileMode.OtherWrite));

        var (listed, list, _) = bed.Rnntui("plugins");

        Assert.Equal(0, listed);
        Assert.Matches(@"optimizer +tinystep +3\.2\.1 ", list);
        Assert.Contains($"user folder: {Path.Combine(installed, "TinyStep.dll")}\n", list, StringComparison.Ordinal);
        Assert.Contains($"built-in: {BuiltInAdaGrad}\n", list, StringComparison.Ordinal);
        Assert.Contains($"plugin folders:\n  built-in: {Path.Combine(AppContext.BaseDirectory, "Plugins")}\n  user folder: {bed.UserRoot}\n", list, StringComparison.Ordinal);

        TrainsWith(bed, "tinystep");
    }

    [Fact]
    public void Install_FromANupkg_InstallsItsLibFolder_AndTrainingUsesIt()
    {
        using var bed = new PluginInstallBed();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Package);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.dll"), bed.Installed());
        Assert.DoesNotContain(bed.Installed(), p => p.StartsWith('.'));

        TrainsWith(bed, "tinystep");
    }

    [Fact]
    public void Install_FromAFolder_InstallsItUnderItsDllsName()
    {
        using var bed = new PluginInstallBed();
        var folder = Path.Combine(bed.Work, "net10.0");
        PluginInstallBed.CopyFolder(build.BuildFolder, folder);

        var (code, output, error) = bed.Rnntui("plugins", "install", folder);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("TinyStep", "TinyStep.dll"), bed.Installed());
    }

    [Fact]
    public void Install_APackageForSeveralFrameworks_TakesTheNewestLibFolderThisRuntimeLoads()
    {
        using var bed = new PluginInstallBed();
        var package = Path.Combine(bed.Work, "Acme.Tiny.1.0.0.nupkg");
        WritePackage(package, "Acme.Tiny", "", ("lib/netstandard2.0/TinyStep.dll", [1, 2, 3]), ("lib/net8.0/TinyStep.dll", File.ReadAllBytes(build.Dll)), ("lib/net99.0/TinyStep.dll", [4, 5, 6]));

        var (code, output, error) = bed.Rnntui("plugins", "install", package);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"installed TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(build.Dll), File.ReadAllBytes(Path.Combine(bed.UserRoot, "TinyStep", "TinyStep.dll")));
    }

    [Fact]
    public void Install_Again_RefusedWithoutForceLeavingTheInstallAsItWas_ReplacedWithForce()
    {
        using var bed = new PluginInstallBed();
        Assert.Equal(0, bed.Rnntui("plugins", "install", build.Dll).Code);
        var marker = bed.File(Path.Combine("data", "rnntui", "plugins", "TinyStep", "old-install.txt"), "from the first install");
        var before = bed.Snapshot();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Package);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {build.Package}: TinyStep is already installed ({Path.Combine(bed.UserRoot, "TinyStep")}); give --force to replace it\n", error);
        Assert.Equal(before, bed.Snapshot());

        var (forced, replaced, problem) = bed.Rnntui("plugins", "install", build.Package, "--force");

        Assert.Equal("", problem);
        Assert.Equal(0, forced);
        Assert.StartsWith($"replaced TinyStep in {Path.Combine(bed.UserRoot, "TinyStep")}\n", replaced, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
        Assert.DoesNotContain(bed.Installed(), p => p.StartsWith('.'));
    }

    [Fact]
    public void Install_APluginWhoseNameIsInstalledUnderAnotherFolder_RefusedNamingBoth()
    {
        using var bed = new PluginInstallBed();
        bed.Preinstall(build.BuildFolder, "TinyStep");
        var copy = Path.Combine(bed.Work, "Copy");
        PluginInstallBed.CopyFolder(build.BuildFolder, copy);
        File.Move(Path.Combine(copy, "TinyStep.dll"), Path.Combine(copy, "Copy.dll"));
        var before = bed.Snapshot();

        var (code, output, error) = bed.Rnntui("plugins", "install", copy);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"rnntui: cannot install {copy}: its optimizer 'tinystep' has the name of the optimizer tinystep in your plugin folder ({Path.Combine(bed.UserRoot, "TinyStep", "TinyStep.dll")}), and rnntui never chooses between two plugins of one name: rename it in its [Plugin] attribute, or remove the installed one\n", error);
        Assert.Equal(before, bed.Snapshot());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing", "{0}: no such file or folder" },
        { "text", "{0}: not a plugin; give a plugin's DLL, its folder, or a .nupkg" },
        { "garbage", "{0}: Garbage.dll: not a .NET assembly" },
        { "no-plugin", "{0}: MathNet.Numerics.dll: no public type implements IOptimizerProvider, IComputeBackend, ICorpusSource or IRecurrentModel" },
        { "builtin-name", "{0}: its optimizer 'adagrad' has the name of the built-in optimizer adagrad (" + BuiltInAdaGrad + "), and rnntui never chooses between two plugins of one name: rename it in its [Plugin] attribute" },
        { "not-zip", "{0}: not a NuGet package, or a damaged one (" },
        { "damaged-zip", "{0}: not a NuGet package, or a damaged one (" },
        { "no-nuspec", "{0}: not a NuGet package (no .nuspec in it)" },
        { "no-lib", "{0}: no lib/net10.0 folder (nor an older netX.Y or netstandard2.x) in it; it has lib/net99.0" },
        { "package-without-plugin", "{0}: no Empty.dll in it, and no other DLL in it declares a [Plugin]" },
        { "dependencies", "{0}: it depends on MathNet.Numerics 5.0.0, which install does not fetch; install the plugin's build folder instead (dotnet build -o DIR, then rnntui plugins install DIR)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Install_Refused_OneLineExitCode2AndTheUserFolderByteIdentical(string what, string message)
    {
        using var bed = new PluginInstallBed();
        bed.Preinstall(build.BuildFolder, "TinyStep");
        var path = Make(bed, what);
        var before = bed.Snapshot();

        var (code, output, error) = bed.Rnntui("plugins", "install", path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"rnntui: cannot install {string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path)}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, bed.Snapshot());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("builtin-name")]
    [InlineData("damaged-zip")]
    public void Install_Refused_WithNoUserFolderYet_LeavesNoFolderBehind(string what)
    {
        using var bed = new PluginInstallBed();
        var path = Make(bed, what);

        var (code, _, error) = bed.Rnntui("plugins", "install", path);

        Assert.Equal(2, code);
        Assert.StartsWith($"rnntui: cannot install {path}: ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(bed.Data), $"{bed.Data} was left behind");
    }

    [Fact]
    public void Install_IntoAUserFolderOthersMayWrite_Refused_AndPluginsSaysWhy()
    {
        using var bed = new PluginInstallBed();
        bed.Preinstall(build.BuildFolder, "TinyStep");
        File.SetUnixFileMode(bed.UserRoot, File.GetUnixFileMode(bed.UserRoot) | UnixFileMode.OtherWrite);
        var before = bed.Snapshot();

        var (code, output, error) = bed.Rnntui("plugins", "install", build.Package, "--force");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"rnntui: cannot install into {bed.UserRoot}: refused: writable by every user (mode ", error, StringComparison.Ordinal);
        Assert.Equal(before, bed.Snapshot());

        var (listed, list, _) = bed.Rnntui("plugins");

        Assert.Equal(0, listed);
        Assert.DoesNotContain("tinystep", list, StringComparison.Ordinal);
        Assert.Contains($"  {bed.UserRoot}: refused: writable by every user (mode ", list, StringComparison.Ordinal);

        var corpus = bed.File("small.txt", TestData.SmallCorpus);
        var (trained, _, refused) = bed.Rnntui("train", "--headless", "--optimizer", "tinystep", "--corpus", corpus, "--steps", "20", "--runs-dir", Path.Combine(bed.Work, "runs"));

        Assert.Equal(2, trained);
        Assert.StartsWith("rnntui: unknown optimizer 'tinystep'; available: ", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_XdgDataHomeRelative_IsIgnoredForTheHomeFolder()
    {
        using var bed = new PluginInstallBed();
        var home = Path.Combine(bed.Work, "home");

        var (code, output, _) = bed.Rnntui(new Dictionary<string, string> { ["XDG_DATA_HOME"] = "relative/data", ["HOME"] = home }, "plugins");

        Assert.Equal(0, code);
        Assert.Contains($"  user folder: {Path.Combine(home, ".local", "share", "rnntui", "plugins")} (none yet: rnntui plugins install PATH puts plugins here)\n", output, StringComparison.Ordinal);
    }

    /// <summary>Trains 20 updates headless with the optimizer and checks the run recorded it as the installed plugin.</summary>
    private static void TrainsWith(PluginInstallBed bed, string optimizer)
    {
        var corpus = bed.File("small.txt", TestData.SmallCorpus);
        var runs = Path.Combine(bed.Work, "runs");

        var (trained, progress, problem) = bed.Rnntui("train", "--headless", "--optimizer", optimizer, "--corpus", corpus, "--hidden", "8",
            "--steps", "20", "--progress-interval", "10", "--sample-interval", "1000000", "--run", "tiny", "--runs-dir", runs);

        Assert.Equal("", problem);
        Assert.Equal(0, trained);
        Assert.Contains("step 20", progress, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs, "tiny", "run.json")));
        var plugin = manifest.RootElement.GetProperty("plugins").GetProperty("optimizer");
        Assert.Equal(optimizer, plugin.GetProperty("name").GetString());
        Assert.Equal("3.2.1", plugin.GetProperty("version").GetString());
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

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
                PluginInstallBed.CopyFolder(Path.Combine(AppContext.BaseDirectory, "Plugins", "Optimizers.AdaGrad"), copy);
                File.Move(Path.Combine(copy, "Optimizers.AdaGrad.dll"), Path.Combine(copy, "MyAdaGrad.dll"));
                return Path.Combine(copy, "MyAdaGrad.dll");
            case "not-zip":
                return bed.File("Broken.1.0.0.nupkg", "not a zip");
            case "damaged-zip":
                // The real package cut short: its central directory, where a zip lists its entries, is gone.
                var bytes = File.ReadAllBytes(build.Package);
                return bed.File("Damaged.1.0.0.nupkg", bytes[..(bytes.Length / 2)]);
            case "no-nuspec":
                var bare = Path.Combine(bed.Work, "Bare.1.0.0.nupkg");
                using (var zip = ZipFile.Open(bare, ZipArchiveMode.Create))
                {
                    zip.CreateEntry("lib/net10.0/Bare.dll").Open().Dispose();
                }

                return bare;
            case "no-lib":
                var future = Path.Combine(bed.Work, "Future.1.0.0.nupkg");
                WritePackage(future, "Future", "", ("lib/net99.0/Future.dll", File.ReadAllBytes(build.Dll)));
                return future;
            case "package-without-plugin":
                var empty = Path.Combine(bed.Work, "Empty.1.0.0.nupkg");
                WritePackage(empty, "Empty", "", ("lib/net10.0/MathNet.Numerics.dll", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Plugins", "Backends.Managed", "MathNet.Numerics.dll"))), ("lib/net10.0/readme.txt", "no plugin here"u8.ToArray()));
                return empty;
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
}
