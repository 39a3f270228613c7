namespace RnnTui.Tests.Plugins;

/// <summary>
/// Builds plugins outside the solution, as a third party would, into a plugin folder of their own: a well-behaved
/// drop-in is in <see cref="PluginCatalogTests"/>; these are the misbehaving ones.
/// </summary>
public sealed class ExternalPluginBuild : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public ExternalPluginBuild()
    {
        Root = Path.Combine(_work.Path, "Plugins");

        _work.File("misbehaving/Misbehaving.csproj", PluginProject.Csproj(PluginProject.ContractsReference));
        _work.File("misbehaving/Plugins.cs", """
            using RnnTui.Contracts;

            namespace Misbehaving;

            [Plugin("adagrad", "A second optimizer that claims the name adagrad")]
            public sealed class Impostor : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => throw new NotSupportedException();
            }

            [Plugin("exploding", "A backend whose constructor throws")]
            public sealed class Exploding : IComputeBackend
            {
                public Exploding() => throw new InvalidOperationException("no GPU here");
                public bool IsSupported => true;
                public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => throw new NotSupportedException();
            }

            [Plugin("flaky", "An optimizer whose Step throws on its third call")]
            public sealed class FlakyProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new Flaky();
            }

            public sealed class Flaky : IOptimizer
            {
                private int _calls;
                public string Description => "flaky";
                public IReadOnlyList<OptimizerBuffer> State => [];
                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                {
                    if (++_calls == 3) { throw new IOException("disk on fire"); }
                    for (var i = 0; i < parameters.Length; i++) { parameters[i] -= 0.01 * gradients[i]; }
                }
            }

            [Plugin("strict", "An optimizer without clipping of its own that refuses a gradient element beyond 1e-6")]
            public sealed class StrictProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new Strict();
            }

            public sealed class Strict : IOptimizer
            {
                public string Description => "strict";
                public IReadOnlyList<OptimizerBuffer> State => [];
                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                {
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (Math.Abs(gradients[i]) > 1e-6) { throw new InvalidOperationException($"gradient {gradients[i]} was not clipped"); }
                        parameters[i] -= gradients[i];
                    }
                }
            }

            public sealed class Nameless : ICorpusSource
            {
                public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken) => new("text", "nowhere");
            }
            """);

        // A plugin built against another major version of the contracts.
        _work.File("contracts2/RnnTui.Contracts.csproj", PluginProject.Csproj("", "<AssemblyName>RnnTui.Contracts</AssemblyName><AssemblyVersion>2.0.0.0</AssemblyVersion>"));
        _work.File("contracts2/Api.cs", "namespace RnnTui.Contracts; public interface IOptimizerProvider { }");
        _work.File("old/Old.csproj", PluginProject.Csproj("""<ProjectReference Include="../contracts2/RnnTui.Contracts.csproj"><Private>false</Private></ProjectReference>"""));
        _work.File("old/Old.cs", "namespace Old; public sealed class OldOptimizer : RnnTui.Contracts.IOptimizerProvider { }");

        // Plugins built against the contracts' own source labelled with an older and a newer minor version.
        var contracts = Path.Combine(TestData.RepoRoot, "Contracts", "*.cs");
        foreach (var (version, name) in new[] { ("1.0.0.0", "Older"), (NewerVersion, "Newer") })
        {
            var folder = $"contracts-{version}";
            _work.File($"{folder}/RnnTui.Contracts.csproj", PluginProject.Csproj(
                $"""<Compile Include="{contracts}" />""",
                $"<AssemblyName>RnnTui.Contracts</AssemblyName><AssemblyVersion>{version}</AssemblyVersion><EnableDefaultCompileItems>false</EnableDefaultCompileItems>"));
            _work.File($"{name}/{name}.csproj", PluginProject.Csproj($"""<ProjectReference Include="../{folder}/RnnTui.Contracts.csproj"><Private>false</Private></ProjectReference>"""));
            _work.File($"{name}/{name}.cs", $$"""
                using RnnTui.Contracts;

                namespace {{name}};

                [Plugin("{{name.ToLowerInvariant()}}", "Moves every parameter half way against its gradient (built against RnnTui.Contracts {{version}})")]
                public sealed class HalfStepProvider : IOptimizerProvider
                {
                    public IOptimizer Create(int parameterCount, PluginSettings settings) => new HalfStep();
                }

                public sealed class HalfStep : IOptimizer
                {
                    public string Description => "half a step";
                    public IReadOnlyList<OptimizerBuffer> State => [];
                    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                    {
                        for (var i = 0; i < parameters.Length; i++) { parameters[i] -= 0.5 * gradients[i]; }
                    }
                }
                """);
            PluginProject.Build(Path.Combine(_work.Path, name, $"{name}.csproj"), Path.Combine(Root, name));
        }

        PluginProject.Build(Path.Combine(_work.Path, "misbehaving", "Misbehaving.csproj"), Path.Combine(Root, "Misbehaving"));
        PluginProject.Build(Path.Combine(_work.Path, "old", "Old.csproj"), Path.Combine(Root, "Old"));
    }

    public string Root { get; }

    /// <summary>The version of RnnTui.Contracts this rnntui is built with.</summary>
    public static Version HostContracts { get; } = typeof(RnnTui.Contracts.IOptimizer).Assembly.GetName().Version!;

    /// <summary>The next minor version of the contracts, which the plugin <c>newer</c> is built against.</summary>
    public static string NewerVersion { get; } = $"{HostContracts.Major}.{HostContracts.Minor + 1}.0.0";

    /// <summary>Why a plugin built against a newer version of the contracts is refused.</summary>
    public static string Refusal(string builtAgainst) =>
        $"built against RnnTui.Contracts {builtAgainst}, newer than this rnntui's {HostContracts}: upgrade rnntui, or rebuild the plugin against RnnTui.Contracts {HostContracts.Major}.{HostContracts.Minor}";

    /// <summary>The DLL of optimizer <c>newer</c>, built against the next minor version of RnnTui.Contracts.</summary>
    public string Newer => Path.Combine(Root, "Newer", "Newer.dll");

    /// <summary>The DLL of optimizer <c>older</c>, built against RnnTui.Contracts 1.0.0.0.</summary>
    public string Older => Path.Combine(Root, "Older", "Older.dll");

    public void Dispose() => _work.Dispose();
}
