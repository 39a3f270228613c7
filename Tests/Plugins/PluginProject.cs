using System.Diagnostics;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// Builds a plugin outside the solution with <c>dotnet build</c>, as a third party would: a project of its own in a
/// temporary folder, its output in a plugin folder, and no copy of the contracts beside it.
/// </summary>
internal static class PluginProject
{
    /// <summary>The text of a project file for net10.0 with dynamic loading, these references and extra properties.</summary>
    public static string Csproj(string references, string properties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <EnableDynamicLoading>true</EnableDynamicLoading>
            {properties}
          </PropertyGroup>
          <ItemGroup>{references}</ItemGroup>
        </Project>
        """;

    /// <summary>A reference to the contracts the host is built with, not copied to the output.</summary>
    public static string ContractsReference =>
        $"""<Reference Include="RnnTui.Contracts"><HintPath>{typeof(RnnTui.Contracts.IOptimizerProvider).Assembly.Location}</HintPath><Private>false</Private></Reference>""";

    /// <summary>Builds <paramref name="project"/> into <paramref name="output"/> and removes any contracts copied there.</summary>
    /// <exception cref="InvalidOperationException">The build failed; the message holds its log.</exception>
    public static void Build(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start)!;
        var error = build.StandardError.ReadToEndAsync();
        var log = build.StandardOutput.ReadToEnd() + error.Result;
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed:\n{log}");
        }

        // A build against a project reference copies that contracts assembly; a real third party would not ship one.
        File.Delete(Path.Combine(output, "RnnTui.Contracts.dll"));
    }
}
