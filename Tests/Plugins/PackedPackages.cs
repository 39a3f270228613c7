using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// The packages <c>dotnet pack RnnTui.sln</c> makes, packed from the build the tests run on (no second build) into a
/// temporary folder.
/// </summary>
public sealed class PackedPackages : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempFolder _folder = TestData.TempFolder();

    public PackedPackages()
    {
        Log = Dotnet("pack", Path.Combine(TestData.RepoRoot, "RnnTui.sln"), "--no-build", "-c", Configuration, "-o", _folder.Path, "-nologo");
        Files = [.. Directory.EnumerateFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
    }

    /// <summary>The files in the package folder.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string Log { get; }

    /// <summary>The names of the files in a package.</summary>
    public IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_folder.Path, package));
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>A file of a package as bytes.</summary>
    public byte[] Read(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_folder.Path, package));
        using var stream = zip.GetEntry(entry)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The metadata of a package's .nuspec, namespaces dropped.</summary>
    public XElement Metadata(string package)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_folder.Path, package));
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(stream);
        foreach (var element in nuspec.Descendants())
        {
            element.Name = element.Name.LocalName;
        }

        return nuspec.Root!.Element("metadata")!;
    }

    /// <summary>Runs dotnet with arguments in the repository's root and returns its output.</summary>
    /// <exception cref="InvalidOperationException">It failed; the message holds its output.</exception>
    public static string Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestData.RepoRoot };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{output}");
    }

    public void Dispose() => _folder.Dispose();
}
