namespace RnnTui.Tests.Plugins;

/// <summary>
/// Builds, outside the solution, a plugin folder whose plugins each throw an exception that is not a
/// <see cref="RnnTui.Contracts.PluginInputException"/> from one member the host calls: a constructor, Settings,
/// Create, IsSupported, CreateKernel, the kernel's ElementType and methods, or Read. Every other member works, so that
/// the host reaches the one that throws.
/// </summary>
public sealed class ThrowingPluginBuild : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public ThrowingPluginBuild()
    {
        Root = Path.Combine(_work.Path, "Plugins");
        _work.File("throwing/Throwing.csproj", PluginProject.Csproj(PluginProject.ContractsReference));
        _work.File("throwing/Plugins.cs", """
            using RnnTui.Contracts;

            namespace Throwing;

            [Plugin("boom", "An optimizer whose Create throws")]
            public sealed class Boom : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => throw new InvalidOperationException("boom");
            }

            [Plugin("ctorboom", "An optimizer whose constructor throws")]
            public sealed class CtorBoom : IOptimizerProvider
            {
                public CtorBoom() => throw new InvalidOperationException("no licence");
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new Still();
            }

            [Plugin("settingsboom", "An optimizer whose Settings throws")]
            public sealed class SettingsBoom : IOptimizerProvider
            {
                public IReadOnlyList<SettingDefinition> Settings => throw new InvalidOperationException("settings lost");
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new Still();
            }

            public sealed class Still : IOptimizer
            {
                public string Description => "still";
                public IReadOnlyList<OptimizerBuffer> State => [];
                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) { }
            }

            [Plugin("unsupportedboom", "A backend whose IsSupported throws")]
            public sealed class UnsupportedBoom : IComputeBackend
            {
                public bool IsSupported => throw new InvalidOperationException("no CPUID");
                public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new NullKernel(shape, maxSequenceLength);
            }

            [Plugin("elementboom", "A backend whose kernel's ElementType throws")]
            public sealed class ElementBoom : IComputeBackend
            {
                public bool IsSupported => true;
                public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new TypelessKernel(shape, maxSequenceLength);
            }

            public sealed class TypelessKernel(RnnShape shape, int maxSequenceLength) : NullKernel(shape, maxSequenceLength), IRnnKernel
            {
                public string ElementType => throw new InvalidOperationException("no type");
            }

            [Plugin("kernelboom", "A backend whose CreateKernel throws")]
            public sealed class KernelBoom : IComputeBackend
            {
                public bool IsSupported => true;
                public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => throw new InvalidOperationException("out of GPU memory");
            }

            [Plugin("brokenkernel", "A backend whose kernel throws from every method")]
            public sealed class BrokenKernelBackend : IComputeBackend
            {
                public bool IsSupported => true;
                public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new BrokenKernel(shape, maxSequenceLength);
            }

            /// <summary>A kernel of a network whose loss is always 1 and whose gradients are 0.</summary>
            public class NullKernel(RnnShape shape, int maxSequenceLength) : IRnnKernel
            {
                public RnnShape Shape => shape;
                public int MaxSequenceLength => maxSequenceLength;
                public virtual double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
                {
                    gradients.Clear();
                    return 1;
                }
                public virtual double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) => 1;
                public virtual void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) => scores.Clear();
                public void Dispose() { }
            }

            public sealed class BrokenKernel(RnnShape shape, int maxSequenceLength) : NullKernel(shape, maxSequenceLength)
            {
                public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
                    throw new InvalidOperationException("kernel broke");
                public override double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
                    throw new InvalidOperationException("kernel broke");
                public override void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
                    throw new InvalidOperationException("kernel broke");
            }

            [Plugin("readboom", "A corpus whose Read throws")]
            public sealed class ReadBoom : ICorpusSource
            {
                public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken) => throw new InvalidOperationException("disk gone");
            }
            """);
        PluginProject.Build(Path.Combine(_work.Path, "throwing", "Throwing.csproj"), Path.Combine(Root, "Throwing"));
    }

    /// <summary>The plugin root holding <c>Throwing/Throwing.dll</c>.</summary>
    public string Root { get; }

    /// <summary>The DLL all the throwing plugins are in.</summary>
    public string Dll => Path.Combine(Root, "Throwing", "Throwing.dll");

    public void Dispose() => _work.Dispose();
}
