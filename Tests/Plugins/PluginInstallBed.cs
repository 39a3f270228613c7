using System.Diagnostics;
using RnnTui.Tests.Cli;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// A user data folder of a test's own (XDG_DATA_HOME of the rnntui processes it starts), so that installs never touch
/// the real <c>~/.local/share</c>, and a work folder for the files a test makes.
/// </summary>
internal sealed class PluginInstallBed : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public string Work => _folder.Path;

    /// <summary>The user plugin folder rnntui uses under this bed's data folder.</summary>
    public string UserRoot => Path.Combine(_folder.Path, "data", "rnntui", "plugins");

    public string File(string name, string contents) => _folder.File(name, contents);

    public string File(string name, byte[] contents) => _folder.File(name, contents);

    /// <summary>Runs the built rnntui with this bed's data folder, from the work folder.</summary>
    public (int Code, string Output, string Error) Rnntui(params string[] arguments)
    {
        var start = ProcessTests.StartInfo(arguments);
        start.Environment["XDG_DATA_HOME"] = Path.Combine(_folder.Path, "data");
        start.WorkingDirectory = _folder.Path;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rnntui did not exit within 120 s");
        }

        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Everything under the user plugin folder, relative to it, hidden entries included.</summary>
    public IReadOnlyList<string> Installed() =>
        Directory.Exists(UserRoot)
            ? [.. Directory.EnumerateFileSystemEntries(UserRoot, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(UserRoot, p)).Order(StringComparer.Ordinal)]
            : [];

    public void Dispose() => _folder.Dispose();
}
