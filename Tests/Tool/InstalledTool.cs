using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RnnTui.Tests.Tool;

/// <summary>
/// rnntui packed as a .NET tool (<c>dotnet pack Host</c>, as the README says) and installed with <c>dotnet tool
/// install</c> into a tool path of its own, offline: the only package source is the folder the pack wrote, and the
/// install has a NuGet cache of its own, so a package of the same version packed earlier is never taken instead. The
/// pack is for this machine's runtime only (the ReadyToRun package this machine would install); the portable
/// <c>any</c> package a default pack adds is the SDK's framework-dependent fallback, and zipping its 85 MB of every
/// platform's native libraries would double the time of the test.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public InstalledTool()
    {
        var packages = Path.Combine(_work.Path, "packages");
        Run("dotnet", ["pack", Path.Combine(TestData.RepoRoot, "Host", "Host.csproj"), "-c", "Release", "-o", packages,
            $"-p:ToolPackageRuntimeIdentifiers={RuntimeInformation.RuntimeIdentifier}", "-nologo", "-v", "q"]);
        var config = _work.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        ToolPath = Path.Combine(_work.Path, "tools");
        Run("dotnet", ["tool", "install", "RnnTui", "--tool-path", ToolPath, "--configfile", config], Path.Combine(_work.Path, "nuget-cache"));
    }

    /// <summary>The folder <c>dotnet tool install --tool-path</c> installed into.</summary>
    public string ToolPath { get; }

    /// <summary>The <c>rnntui</c> command it put there.</summary>
    public string Command => Path.Combine(ToolPath, "rnntui");

    /// <summary>Where the installed tool's files are (the executable beside plugins.json, Plugins/ and corpora/).</summary>
    public string Installation => Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(ToolPath, ".store"), "rnntui.dll", SearchOption.AllDirectories).Single())!;

    /// <summary>Runs the installed rnntui from <paramref name="folder"/>.</summary>
    public (int Code, string Output, string Error) Rnntui(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Command, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Cli.ProcessTests.RunToEnd(start, seconds: 120);
    }

    public void Dispose() => _work.Dispose();

    /// <param name="packageCache">A NuGet package cache of its own, or null for the user's.</param>
    private void Run(string command, IEnumerable<string> arguments, string? packageCache = null)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _work.Path };
        if (packageCache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packageCache;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed:\n{log}");
        }
    }
}
