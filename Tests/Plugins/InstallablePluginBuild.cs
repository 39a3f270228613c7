using System.Diagnostics;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// A well-behaved plugin built and packed outside the solution, as a third party would ship it: optimizer
/// <c>tinystep</c> (plain gradient descent, eta 0.01) in project TinyStep, version 3.2.1. <see cref="BuildFolder"/>
/// is its build output (<c>bin/Release/net10.0</c>), <see cref="Package"/> its <c>dotnet pack</c>.
/// </summary>
public sealed class InstallablePluginBuild : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public InstallablePluginBuild()
    {
        var project = _work.File("src/TinyStep/TinyStep.csproj", PluginProject.Csproj(
            PluginProject.ContractsReference,
            "<Version>3.2.1</Version><Authors>a third party</Authors><Description>A tiny optimizer for rnntui</Description>"));
        _work.File("src/TinyStep/TinyStep.cs", """
            using RnnTui.Contracts;

            namespace TinyStep;

            [Plugin("tinystep", "Plain gradient descent with a tiny step")]
            public sealed class TinyStepProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new TinyStep();
            }

            public sealed class TinyStep : IOptimizer
            {
                public string Description => "tinystep eta 0.01";
                public IReadOnlyList<OptimizerBuffer> State => [];
                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                {
                    for (var i = 0; i < parameters.Length; i++) { parameters[i] -= 0.01 * gradients[i]; }
                }
            }
            """);
        var packages = Path.Combine(_work.Path, "packages");
        Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "-nologo", "-v", "q"]);
        BuildFolder = Path.Combine(_work.Path, "src", "TinyStep", "bin", "Release", "net10.0");
        Package = Path.Combine(packages, "TinyStep.3.2.1.nupkg");
    }

    /// <summary>The plugin's build output: TinyStep.dll with its deps.json, in a folder named <c>net10.0</c>.</summary>
    public string BuildFolder { get; }

    /// <summary>The DLL in <see cref="BuildFolder"/>.</summary>
    public string Dll => Path.Combine(BuildFolder, "TinyStep.dll");

    /// <summary>The plugin packed by <c>dotnet pack</c>.</summary>
    public string Package { get; }

    public void Dispose() => _work.Dispose();

    private static void Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
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
