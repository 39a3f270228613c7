using System.Diagnostics;

namespace RnnTui.Tests.Templates;

/// <summary>Runs a command line tool to its end, with extra environment variables, capturing what it prints.</summary>
internal static class ToolProcess
{
    /// <summary>The exit code and everything the command wrote to standard output and error.</summary>
    public static (int Code, string Output) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The test host's own MSBuild settings would leak into the builds a template's user runs.
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>Runs the command and fails the test with its output when it does not exit 0.</summary>
    public static string RunOk(string workingDirectory, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        var (code, output) = Run(workingDirectory, environment, file, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {code}:\n{output}");
    }
}
