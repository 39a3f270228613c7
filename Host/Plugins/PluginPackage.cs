using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// A plugin packed as a NuGet package (<c>dotnet pack</c>): a zip whose <c>.nuspec</c> names it and whose
/// <c>lib/TFM/</c> folder holds its DLL. The folder for this runtime is <c>lib/net10.0</c>, else the newest older
/// <c>netX.Y</c>, else <c>netstandard2.1</c> or <c>2.0</c>. Install takes only that folder: a package that depends on
/// other packages is refused, since rnntui does not fetch them and the plugin would fail when used.
/// </summary>
internal static class PluginPackage
{
    private const string ContractsId = "RnnTui.Contracts";

    /// <summary>More bytes than a plugin's files take; a package whose files for this runtime are larger is refused.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Extracts the package's files for this runtime into <paramref name="destination"/>, which must not exist.</summary>
    /// <returns>The package's id.</returns>
    /// <exception cref="UsageException">
    /// The file is not a package or is damaged, has no folder for this runtime, depends on other packages, or is too large.
    /// </exception>
    public static string Extract(string package, string destination)
    {
        try
        {
            using var zip = ZipFile.OpenRead(package);
            return Extract(package, zip, destination);
        }
        catch (InvalidDataException e)
        {
            // Thrown on opening a file that is no zip, and on reading an entry that is damaged.
            throw new UsageException($"cannot install {package}: not a NuGet package, or a damaged one ({e.Message.TrimEnd('.')})");
        }
    }

    private static string Extract(string package, ZipArchive zip, string destination)
    {
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"cannot install {package}: not a NuGet package (no .nuspec in it)");
        var (id, dependencies) = ReadNuspec(package, nuspec);
        if (dependencies.Count > 0)
        {
            throw new UsageException($"cannot install {package}: it depends on {string.Join(", ", dependencies)}, which install does not fetch; install the plugin's build folder instead (dotnet build -o DIR, then rnntui plugins install DIR)");
        }

        var folders = zip.Entries.Select(e => LibFolder(e.FullName)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var tfm = Best(folders)
            ?? throw new UsageException($"cannot install {package}: no lib/net{Environment.Version.Major}.0 folder (nor an older netX.Y or netstandard2.x) in it{(folders.Count > 0 ? $"; it has lib/{string.Join(", lib/", folders)}" : "")}");

        var prefix = $"lib/{tfm}/";
        var entries = zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && e.Name.Length > 0).ToList();
        if (entries.Sum(e => e.Length) > MaxBytes)
        {
            throw new UsageException($"cannot install {package}: its lib/{tfm} holds more than {MaxBytes >> 30} GiB, more than a plugin's files");
        }

        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        PluginFiles.CreateFolder(destination);
        foreach (var entry in entries)
        {
            var target = Path.GetFullPath(Path.Combine(destination, entry.FullName[prefix.Length..]));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                // A crafted entry (../) must never write outside the folder being installed.
                throw new UsageException($"cannot install {package}: its entry {entry.FullName} points outside its folder");
            }

            PluginFiles.CreateFolder(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
            PluginFiles.SetFileMode(target);
        }

        return id;
    }

    /// <summary>The package's id and the packages it depends on (other than the contracts, which rnntui provides).</summary>
    private static (string Id, IReadOnlyList<string> Dependencies) ReadNuspec(string package, ZipArchiveEntry nuspec)
    {
        XDocument document;
        try
        {
            using var stream = nuspec.Open();
            document = XDocument.Load(stream);
        }
        catch (System.Xml.XmlException e)
        {
            throw new UsageException($"cannot install {package}: its {nuspec.FullName} is not valid XML: {e.Message}");
        }

        // Elements are matched by local name: the nuspec namespace changes between NuGet versions.
        var metadata = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        var id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new UsageException($"cannot install {package}: its {nuspec.FullName} names no package id");
        }

        var dependencies = metadata!.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{(string?)e.Attribute("id")} {(string?)e.Attribute("version")}".Trim())
            .Where(d => !d.StartsWith(ContractsId + " ", StringComparison.OrdinalIgnoreCase) && !d.Equals(ContractsId, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return (id, dependencies);
    }

    /// <summary>The lib folder this runtime can load that is closest to it, or null.</summary>
    private static string? Best(IReadOnlyList<string> folders)
    {
        var runtime = new Version(Environment.Version.Major, 0);
        var net = folders.Select(f => (Folder: f, Version: NetVersion(f)))
            .Where(f => f.Version is { Major: >= 5 } version && version <= runtime)
            .OrderByDescending(f => f.Version)
            .Select(f => f.Folder)
            .FirstOrDefault();
        return net
            ?? folders.FirstOrDefault(f => f.Equals("netstandard2.1", StringComparison.OrdinalIgnoreCase))
            ?? folders.FirstOrDefault(f => f.Equals("netstandard2.0", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The TFM folder of an entry <c>lib/TFM/FILE</c>, or null for any other entry.</summary>
    private static string? LibFolder(string entry)
    {
        var parts = entry.Split('/');
        return parts.Length >= 3 && parts[0].Equals("lib", StringComparison.OrdinalIgnoreCase) && parts[1].Length > 0 && parts[^1].Length > 0 ? parts[1] : null;
    }

    /// <summary>The version of a <c>netX.Y</c> folder (<c>net10.0</c>: 10.0), or null for any other TFM.</summary>
    private static Version? NetVersion(string tfm)
    {
        if (!tfm.StartsWith("net", StringComparison.OrdinalIgnoreCase) || tfm.Split('.') is not [var major, var minor])
        {
            return null;
        }

        return int.TryParse(major[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var x) && int.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? new Version(x, y)
            : null;
    }
}
