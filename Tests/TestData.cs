using RnnTui.Commands;
using RnnTui.Settings;

namespace RnnTui.Tests;

/// <summary>Small texts and temporary folders the tests build on.</summary>
internal static class TestData
{
    /// <summary>A short text with structure to learn: a few sentences repeated with variations.</summary>
    public static string SmallCorpus { get; } = string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"The keeper lit the lamp at {i % 7} o'clock. \"Is the wind up?\" asked Ione; the sea said nothing.\n"));

    /// <summary>The shared Shakespeare text when this machine has it, for measurements; null otherwise.</summary>
    public static string? Shakespeare
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpora", "tinyshakespeare.txt"));
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>The repository's root folder (where RnnTui.sln is).</summary>
    public static string RepoRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RnnTui.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("RnnTui.sln not found above the test folder");
        }
    }

    /// <summary>A new empty folder, deleted when disposed.</summary>
    public static TempFolder TempFolder() => new();

    /// <summary>Settings loaded as the command line would load them, with the given arguments.</summary>
    public static AppSettings Settings(params string[] args) => SettingsCommand.Load(args, Plugins.Catalog.Instance);
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rnntui-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public string File(string name, byte[] contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
