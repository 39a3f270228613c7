using RnnTui.Testing;

namespace RnnTui.Tests.Testing;

/// <summary>
/// RnnTui.Testing is a package plugin authors' tests call (the dotnet new templates among them): its public API, tracked
/// like the contracts' (<see cref="Plugins.ContractsApiTests"/>), is held here to the API those tests are written
/// against, and it depends on nothing of rnntui's but the contracts and the reference backend it carries.
/// </summary>
public sealed class TestingApiTests
{
    private static string TestingFolder => Path.Combine(TestData.RepoRoot, "Testing");

    [Fact]
    public void PublicApi_IsTheOneTestsAreWrittenAgainst()
    {
        var declared = File.ReadAllLines(Path.Combine(TestingFolder, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(TestingFolder, "PublicAPI.Unshipped.txt")))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains("ConformanceResult.<Clone>$", StringComparison.Ordinal))
            .Where(l => !(l.StartsWith("override ", StringComparison.Ordinal) || l.StartsWith("static RnnTui.Testing.ConformanceResult.operator", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "RnnTui.Testing.Conformance",
                "RnnTui.Testing.ConformanceException",
                "RnnTui.Testing.ConformanceException.ConformanceException() -> void",
                "RnnTui.Testing.ConformanceException.ConformanceException(string! message) -> void",
                "RnnTui.Testing.ConformanceException.ConformanceException(string! message, System.Exception! innerException) -> void",
                "RnnTui.Testing.ConformanceOutcome",
                "RnnTui.Testing.ConformanceOutcome.Fail = 1 -> RnnTui.Testing.ConformanceOutcome",
                "RnnTui.Testing.ConformanceOutcome.Pass = 0 -> RnnTui.Testing.ConformanceOutcome",
                "RnnTui.Testing.ConformanceOutcome.Skip = 2 -> RnnTui.Testing.ConformanceOutcome",
                "RnnTui.Testing.ConformanceReport",
                "RnnTui.Testing.ConformanceReport.Kind.get -> string!",
                "RnnTui.Testing.ConformanceReport.Name.get -> string!",
                "RnnTui.Testing.ConformanceReport.Passed.get -> bool",
                "RnnTui.Testing.ConformanceReport.Results.get -> System.Collections.Generic.IReadOnlyList<RnnTui.Testing.ConformanceResult!>!",
                "RnnTui.Testing.ConformanceReport.ThrowIfFailed() -> void",
                "RnnTui.Testing.ConformanceReport.WriteTo(System.IO.TextWriter! output) -> void",
                "RnnTui.Testing.ConformanceResult",
                "RnnTui.Testing.ConformanceResult.Check.get -> string!",
                "RnnTui.Testing.ConformanceResult.Check.init -> void",
                "RnnTui.Testing.ConformanceResult.ConformanceResult(string! Check, RnnTui.Testing.ConformanceOutcome Outcome, string! Detail) -> void",
                "RnnTui.Testing.ConformanceResult.Deconstruct(out string! Check, out RnnTui.Testing.ConformanceOutcome Outcome, out string! Detail) -> void",
                "RnnTui.Testing.ConformanceResult.Detail.get -> string!",
                "RnnTui.Testing.ConformanceResult.Detail.init -> void",
                "RnnTui.Testing.ConformanceResult.Equals(RnnTui.Testing.ConformanceResult? other) -> bool",
                "RnnTui.Testing.ConformanceResult.Outcome.get -> RnnTui.Testing.ConformanceOutcome",
                "RnnTui.Testing.ConformanceResult.Outcome.init -> void",
                "static RnnTui.Testing.Conformance.CheckBackend(RnnTui.Contracts.IComputeBackend! backend, RnnTui.Contracts.PluginSettings? settings = null, RnnTui.Contracts.IComputeBackend? reference = null) -> RnnTui.Testing.ConformanceReport!",
                "static RnnTui.Testing.Conformance.CheckCorpus(RnnTui.Contracts.ICorpusSource! corpus, RnnTui.Contracts.PluginSettings? settings = null) -> RnnTui.Testing.ConformanceReport!",
                "static RnnTui.Testing.Conformance.CheckModel(RnnTui.Contracts.IRecurrentModel! model, RnnTui.Contracts.PluginSettings? settings = null, RnnTui.Contracts.IComputeBackend? backend = null) -> RnnTui.Testing.ConformanceReport!",
                "static RnnTui.Testing.Conformance.CheckOptimizer(RnnTui.Contracts.IOptimizerProvider! provider, RnnTui.Contracts.PluginSettings? settings = null) -> RnnTui.Testing.ConformanceReport!",
            ],
            declared);
    }

    [Fact]
    public void Testing_DependsOnTheContractsTheShippedBackendsAndTheFrameworkOnly()
    {
        var references = typeof(Conformance).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        // The managed backend is the reference; the simd one is what a model's kernels for simd are made with.
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "RnnTui.Contracts" or "Backends.Managed" or "Backends.Simd", name));
    }
}
