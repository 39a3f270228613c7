using System.Diagnostics;
using System.Security.Cryptography;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// A user data folder of a test's own (XDG_DATA_HOME of the rnntui processes it starts), so that installs never touch
/// the real <c>~/.local/share</c>, and a work folder for the files a test makes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class PluginInstallBed : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public string Work => _folder.Path;

    /// <summary>The data folder rnntui is given as XDG_DATA_HOME; it does not exist until an install makes it.</summary>
    public string Data => Path.Combine(_folder.Path, "data");

    /// <summary>The user plugin folder rnntui uses under this bed's data folder.</summary>
    public string UserRoot => Path.Combine(Data, "rnntui", "plugins");

    public string File(string name, string contents) => _folder.File(name, contents);

    public string File(string name, byte[] contents) => _folder.File(name, contents);

    /// <summary>Runs the built rnntui with this bed's data folder, from the work folder.</summary>
    public (int Code, string Output, string Error) Rnntui(params string[] arguments) => Rnntui(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the built rnntui with this bed's data folder and these variables, from the work folder.</summary>
    public (int Code, string Output, string Error) Rnntui(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = ProcessTests.StartInfo(arguments);
        start.Environment["XDG_DATA_HOME"] = Data;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.WorkingDirectory = _folder.Path;
        start.RedirectStandardInput = true;
        return Cli.ProcessTests.RunToEnd(start, seconds: 120);
    }

    /// <summary>Everything under the user plugin folder, relative to it, hidden entries included.</summary>
    public IReadOnlyList<string> Installed() =>
        Directory.Exists(UserRoot)
            ? [.. Directory.EnumerateFileSystemEntries(UserRoot, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(UserRoot, p)).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>
    /// The data folder as it stands: each entry under it with its mode and, for a file, a hash of its bytes; empty when
    /// the folder does not exist. Two snapshots are equal when nothing under it changed.
    /// </summary>
    public IReadOnlyList<string> Snapshot()
    {
        if (!Directory.Exists(Data))
        {
            return [];
        }

        return [.. Directory.EnumerateFileSystemEntries(Data, "*", SearchOption.AllDirectories)
            .Prepend(Data)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var mode = Convert.ToString((int)System.IO.File.GetUnixFileMode(path), 8);
                var contents = System.IO.File.Exists(path) ? Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(path))) : "folder";
                return $"{Path.GetRelativePath(Data, path)} {mode} {contents}";
            })];
    }

    /// <summary>Puts a copy of a plugin's folder in the user plugin folder by hand, as an earlier install would have.</summary>
    public void Preinstall(string pluginFolder, string name)
    {
        Directory.CreateDirectory(UserRoot);
        CopyFolder(pluginFolder, Path.Combine(UserRoot, name));
    }

    public static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }

    public void Dispose() => _folder.Dispose();
}
