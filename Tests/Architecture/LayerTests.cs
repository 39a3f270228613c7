using NetArchTest.Rules;
using RnnTui.Commands;

namespace RnnTui.Tests.Architecture;

/// <summary>
/// The host's folders are layers, and dependencies point one way, downward (DESIGN.md): Commands, then Ui and
/// Reporting, then Runs, Training, Plugins, Settings and Text. A lower layer never names a higher one, so no cycle can
/// form; a type in no known layer fails too, so that a new folder has to be given its place. The conformance checks
/// (RnnTui.Testing, an assembly of their own) are used by the commands only.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers from the top down; each may use only those after it (and Contracts).</summary>
    private static readonly string[][] Layers =
    [
        ["RnnTui.Commands"],
        ["RnnTui.Ui", "RnnTui.Reporting"],
        ["RnnTui.Runs"],
        ["RnnTui.Training"],
        ["RnnTui.Plugins"],
        ["RnnTui.Settings"],
        ["RnnTui.Text"],
    ];

    public static TheoryData<string> Namespaces => new(Layers.SelectMany(l => l));

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void Layer_DependsOnlyOnTheLayersBelowIt(string layer)
    {
        var level = Array.FindIndex(Layers, l => l.Contains(layer));
        var forbidden = Layers.Take(level).SelectMany(l => l)
            .Concat(Layers[level].Where(n => n != layer))
            .ToArray();

        var result = HostTypes().That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{layer} names a layer above it or beside it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void EveryHostType_BelongsToALayer()
    {
        var known = Layers.SelectMany(l => l).ToArray();
        var strays = typeof(RnnTuiApp).Assembly.GetTypes()
            .Where(t => t.Namespace is not null && !t.Name.StartsWith('<') && !known.Any(n => t.Namespace == n || t.Namespace.StartsWith(n + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(strays);
    }

    [Fact]
    public void ConformanceChecks_AreUsedByCommandsOnly()
    {
        // RnnTui.Testing is a library beside the host, for `plugins check` and plugin authors' tests; training never runs it.
        var result = HostTypes().That().DoNotResideInNamespace("RnnTui.Commands").ShouldNot().HaveDependencyOn("RnnTui.Testing").GetResult();

        Assert.True(result.IsSuccessful, $"only RnnTui.Commands may use RnnTui.Testing: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void LayerRule_CatchesAnUpwardDependency()
    {
        // The rule must be able to fail: Commands does depend on Ui, so asking the reverse of it fails.
        var result = HostTypes().That().ResideInNamespace("RnnTui.Commands").ShouldNot().HaveDependencyOn("RnnTui.Ui").GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static Types HostTypes() => Types.InAssembly(typeof(RnnTuiApp).Assembly);
}
