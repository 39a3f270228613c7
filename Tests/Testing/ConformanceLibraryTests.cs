using RnnTui.Contracts;
using RnnTui.Testing;

namespace RnnTui.Tests.Testing;

/// <summary>
/// RnnTui.Testing called as a plugin author's tests call it, on plugins defined here: the report's lines and summary,
/// the exception for tests, a plugin that throws failing only its checks, and checks that do not apply saying why.
/// </summary>
public sealed class ConformanceLibraryTests
{
    [Fact]
    public void WriteTo_ALinePerCheckThenASummary()
    {
        var report = Conformance.CheckCorpus(new FixedText());
        using var output = new StringWriter { NewLine = "\n" };

        report.WriteTo(output);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(report.Results.Select(r => r.ToString()), lines[..^1]);
        Assert.Equal("corpus fixed conforms: 3 passed, 0 failed, 5 skipped", lines[^1]);
        Assert.Equal("PASS  cancellation: an already cancelled token ends Read with OperationCanceledException", lines[2]);
        Assert.Equal(("corpus", "fixed", true), (report.Kind, report.Name, report.Passed));
    }

    [Fact]
    public void ThrowIfFailed_AFailedCheck_ThrowsWithEveryLineOfTheReport()
    {
        var report = Conformance.CheckOptimizer(new Throwing());

        var error = Assert.Throws<ConformanceException>(report.ThrowIfFailed);

        using var output = new StringWriter { NewLine = "\n" };
        report.WriteTo(output);
        Assert.Equal(output.ToString().TrimEnd('\n'), error.Message);
        Assert.False(report.Passed);
    }

    [Fact]
    public void ThrowIfFailed_OnlySkips_DoesNotThrow()
    {
        var report = Conformance.CheckBackend(new Unsupported());

        report.ThrowIfFailed();

        Assert.All(report.Results.Skip(2), r => Assert.Equal(ConformanceOutcome.Skip, r.Outcome));
        Assert.Equal(new ConformanceResult("supported", ConformanceOutcome.Skip, "IsSupported is false on this machine, so nothing else can be checked here"), report.Results[1]);
        Assert.Equal("the backend is not supported on this machine", report.Results[^1].Detail);
    }

    [Fact]
    public void CheckOptimizer_CreateThrows_EveryCheckThatCreatesFailsAndNothingEscapes()
    {
        var report = Conformance.CheckOptimizer(new Throwing());

        Assert.Equal(ConformanceOutcome.Pass, report.Results[0].Outcome);
        Assert.All(report.Results.Skip(1), r => Assert.Equal(ConformanceOutcome.Fail, r.Outcome));
        Assert.Equal("threw InvalidOperationException: out of licences", report.Results.Single(r => r.Check == "resume").Detail);
        Assert.StartsWith("eta = not-a-number threw InvalidOperationException: out of licences (", report.Results.Single(r => r.Check == "bad values").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBackend_WithoutAReference_ComparesWithTheManagedBackendItCarries()
    {
        var report = Conformance.CheckBackend(new RnnTui.Backends.Simd.SimdBackend(), new PluginSettings([KeyValuePair.Create("precision", "f32")]));

        Assert.Equal(ConformanceOutcome.Pass, report.Results.Single(r => r.Check == "agreement with managed").Outcome);
        Assert.True(report.Passed);
    }

    [Fact]
    public void CheckOptimizer_PluginWithoutAttribute_DiscoveryFailsNamedByItsType()
    {
        var report = Conformance.CheckOptimizer(new Nameless());

        Assert.Equal("Nameless", report.Name);
        Assert.Equal(
            new ConformanceResult("discovery", ConformanceOutcome.Fail, "Nameless has no [Plugin(name, description)] attribute (rnntui would not load it as it is)"),
            report.Results[0]);
    }

    [Plugin("fixed", "A text of its own")]
    public sealed class FixedText : ICorpusSource
    {
        public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new CorpusText("the lamp is lit. the lamp is out.", "built in");
        }
    }

    [Plugin("throwing", "Create throws")]
    public sealed class Throwing : IOptimizerProvider
    {
        public IReadOnlyList<SettingDefinition> Settings { get; } = [SettingDefinition.Number("eta", 0.1, "learning rate")];

        public IOptimizer Create(int parameterCount, PluginSettings settings) => throw new InvalidOperationException("out of licences");
    }

    public sealed class Nameless : IOptimizerProvider
    {
        public IOptimizer Create(int parameterCount, PluginSettings settings) => new Still();
    }

    public sealed class Still : IOptimizer
    {
        public string Description => "still";

        public IReadOnlyList<OptimizerBuffer> State => [];

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
        {
        }
    }

    [Plugin("unsupported", "Needs hardware this machine lacks")]
    public sealed class Unsupported : IComputeBackend
    {
        public bool IsSupported => false;

        public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => throw new NotSupportedException();
    }
}
