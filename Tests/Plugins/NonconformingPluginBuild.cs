using System.Text.Json;
using System.Text.RegularExpressions;

namespace RnnTui.Tests.Plugins;

/// <summary>
/// Builds, outside the solution as a third party would, one plugin folder of plugins that each break one thing the
/// host relies on (what <c>rnntui plugins check</c> must catch), beside the README's example optimizer and a corpus
/// without a file, which conform. The backends wrap the simd backend's kernel and break one thing in it.
/// </summary>
public sealed partial class NonconformingPluginBuild : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public NonconformingPluginBuild()
    {
        Root = Path.Combine(_work.Path, "Plugins");
        var simd = typeof(RnnTui.Backends.Simd.SimdBackend).Assembly.Location;
        var tensors = Path.Combine(Path.GetDirectoryName(simd)!, "System.Numerics.Tensors.dll");
        var references = PluginProject.ContractsReference
            + $"""<Reference Include="Backends.Simd"><HintPath>{simd}</HintPath></Reference>"""
            + $"""<Reference Include="System.Numerics.Tensors"><HintPath>{tensors}</HintPath></Reference>""";
        _work.File("nonconforming/Nonconforming.csproj", PluginProject.Csproj(references));
        _work.File("nonconforming/Optimizers.cs", Optimizers);
        _work.File("nonconforming/Backends.cs", Backends);
        _work.File("nonconforming/Corpora.cs", Corpora);
        _work.File("nonconforming/HeavyBall.cs", ReadmeExample);
        PluginProject.Build(Path.Combine(_work.Path, "nonconforming", "Nonconforming.csproj"), Path.Combine(Root, "Nonconforming"));
        Config = _work.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { Root } } }));
    }

    /// <summary>The plugin root holding <c>Nonconforming/Nonconforming.dll</c>.</summary>
    public string Root { get; }

    /// <summary>A settings file that adds <see cref="Root"/> to the plugin folders.</summary>
    public string Config { get; }

    /// <summary>The C# of the minimal optimizer in Contracts/README.md, the package's README.</summary>
    public static string ReadmeExample
    {
        get
        {
            var readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "Contracts", "README.md"));
            return CSharpBlock().Match(readme) is { Success: true } block ? block.Groups[1].Value : throw new InvalidOperationException("no C# block in Contracts/README.md");
        }
    }

    public void Dispose() => _work.Dispose();

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    private const string Optimizers = """
        using RnnTui.Contracts;

        namespace Nonconforming;

        /// <summary>Gradient descent whose state buffer grows by one element a step.</summary>
        [Plugin("resizing", "A state buffer that grows every step")]
        public sealed class ResizingProvider : IOptimizerProvider
        {
            public IOptimizer Create(int parameterCount, PluginSettings settings) => new Resizing();
        }

        public sealed class Resizing : IOptimizer
        {
            private double[] _steps = [0];
            public string Description => "resizing";
            public IReadOnlyList<OptimizerBuffer> State => [new OptimizerBuffer("steps", _steps)];
            public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
            {
                _steps = new double[_steps.Length + 1];
                for (var i = 0; i < parameters.Length; i++) { parameters[i] -= 0.05 * gradients[i]; }
            }
        }

        /// <summary>Gradient descent with weight decay that cannot be turned off: zero gradients still shrink the parameters.</summary>
        [Plugin("drifting", "Weight decay on by default")]
        public sealed class DriftingProvider : IOptimizerProvider
        {
            public IOptimizer Create(int parameterCount, PluginSettings settings) => new Drifting();
        }

        public sealed class Drifting : IOptimizer
        {
            public string Description => "drifting";
            public IReadOnlyList<OptimizerBuffer> State => [];
            public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
            {
                for (var i = 0; i < parameters.Length; i++) { parameters[i] -= 0.05 * (gradients[i] + (1e-3 * parameters[i])); }
            }
        }

        /// <summary>A clipping optimizer that forgets to clip when it writes out of place.</summary>
        [Plugin("splitstep", "Out-of-place steps unclipped")]
        public sealed class SplitStepProvider : IOptimizerProvider
        {
            public IOptimizer Create(int parameterCount, PluginSettings settings) => new SplitStep();
        }

        public sealed class SplitStep : IClippingOptimizer
        {
            public string Description => "splitstep";
            public IReadOnlyList<OptimizerBuffer> State => [];
            public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) => Step(parameters, parameters, gradients, double.PositiveInfinity);
            public void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
            {
                var inPlace = parameters.Overlaps(updated);
                for (var i = 0; i < parameters.Length; i++)
                {
                    var g = inPlace ? Math.Clamp(gradients[i], -clip, clip) : gradients[i];
                    updated[i] = parameters[i] - (0.05 * g);
                }
            }
        }

        /// <summary>Momentum SGD whose range steps read and write the velocity from its start, not the range's offset.</summary>
        [Plugin("misranged", "Range steps that ignore the offset")]
        public sealed class MisrangedProvider : IOptimizerProvider
        {
            public IOptimizer Create(int parameterCount, PluginSettings settings) => new Misranged(parameterCount);
        }

        public sealed class Misranged : IRangeOptimizer
        {
            private readonly double[] _velocity;

            public Misranged(int parameterCount)
            {
                _velocity = new double[parameterCount];
                State = [new OptimizerBuffer("velocity", _velocity)];
            }

            public string Description => "misranged";
            public IReadOnlyList<OptimizerBuffer> State { get; }
            public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) => Step(parameters, parameters, gradients, double.PositiveInfinity);
            public void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
            {
                BeginStep();
                StepRange(0, parameters, updated, gradients, clip);
            }

            public void BeginStep()
            {
            }

            public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    _velocity[i] = (0.5 * _velocity[i]) + Math.Clamp(gradients[i], -clip, clip);
                    updated[i] = parameters[i] - (0.05 * _velocity[i]);
                }
            }
        }

        /// <summary>Adam that keeps its step count outside its state, so a resumed run restarts the bias correction.</summary>
        [Plugin("forgetful", "Adam with its step count outside State")]
        public sealed class ForgetfulProvider : IOptimizerProvider
        {
            public IOptimizer Create(int parameterCount, PluginSettings settings) => new Forgetful(parameterCount);
        }

        public sealed class Forgetful : IOptimizer
        {
            private readonly double[] _m;
            private readonly double[] _v;
            private int _t;

            public Forgetful(int parameterCount)
            {
                (_m, _v) = (new double[parameterCount], new double[parameterCount]);
                State = [new OptimizerBuffer("m", _m), new OptimizerBuffer("v", _v)];
            }

            public string Description => "forgetful";
            public IReadOnlyList<OptimizerBuffer> State { get; }
            public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
            {
                _t++;
                for (var i = 0; i < parameters.Length; i++)
                {
                    _m[i] = (0.9 * _m[i]) + (0.1 * gradients[i]);
                    _v[i] = (0.999 * _v[i]) + (0.001 * gradients[i] * gradients[i]);
                    var mHat = _m[i] / (1 - Math.Pow(0.9, _t));
                    var vHat = _v[i] / (1 - Math.Pow(0.999, _t));
                    parameters[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
                }
            }
        }
        """;

    private const string Backends = """
        using RnnTui.Backends.Simd;
        using RnnTui.Contracts;

        namespace Nonconforming;

        /// <summary>The simd backend's float64 kernel with one thing changed by a subclass.</summary>
        public class Wrapped(IRnnKernel inner) : IRnnKernel
        {
            public RnnShape Shape => inner.Shape;
            public int MaxSequenceLength => inner.MaxSequenceLength;
            public virtual double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
                inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
            public virtual double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
                inner.Loss(parameters, inputs, targets, hidden);
            public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) => inner.Step(parameters, input, hidden, scores);
            public void Dispose() => inner.Dispose();
        }

        [Plugin("wronggrad", "dW[0, 0] one percent too large")]
        public sealed class WrongGradient : IComputeBackend
        {
            public bool IsSupported => true;
            public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new Kernel(new SimdBackend().CreateKernel(shape, maxSequenceLength));

            private sealed class Kernel(IRnnKernel inner) : Wrapped(inner)
            {
                public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
                {
                    var loss = base.ForwardBackward(parameters, inputs, targets, hidden, gradients);
                    gradients[Shape.W.Offset] *= 1.01;
                    return loss;
                }
            }
        }

        [Plugin("allocating", "A small array allocated every update")]
        public sealed class Allocating : IComputeBackend
        {
            public bool IsSupported => true;
            public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new Kernel(new SimdBackend().CreateKernel(shape, maxSequenceLength));

            private sealed class Kernel(IRnnKernel inner) : Wrapped(inner)
            {
                public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
                {
                    var copy = hidden.ToArray();
                    return base.ForwardBackward(parameters, inputs, targets, hidden, gradients) + (0 * copy[0]);
                }
            }
        }

        [Plugin("lossdisagrees", "Loss a millionth above ForwardBackward's")]
        public sealed class LossDisagrees : IComputeBackend
        {
            public bool IsSupported => true;
            public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new Kernel(new SimdBackend().CreateKernel(shape, maxSequenceLength));

            private sealed class Kernel(IRnnKernel inner) : Wrapped(inner)
            {
                public override double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
                    base.Loss(parameters, inputs, targets, hidden) * (1 + 1e-6);
            }
        }

        [Plugin("deafsettings", "Defines a setting, but implements only the CreateKernel that takes none")]
        public sealed class DeafSettings : IComputeBackend
        {
            public IReadOnlyList<SettingDefinition> Settings { get; } = [SettingDefinition.Integer("threads", 1, "threads to use") with { Minimum = 1 }];
            public bool IsSupported => true;
            public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdBackend().CreateKernel(shape, maxSequenceLength);
        }
        """;

    private const string Corpora = """
        using System.Text;
        using RnnTui.Contracts;

        namespace Nonconforming;

        /// <summary>A careful reader of UTF-8 files that never looks at its cancellation token.</summary>
        [Plugin("deaf", "Ignores cancellation")]
        public sealed class Deaf : ICorpusSource
        {
            public IReadOnlyList<SettingDefinition> Settings { get; } = [SettingDefinition.Path("path", null, "the file")];

            public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
            {
                var path = settings.GetPath("path") ?? throw new PluginInputException("path is not set");
                if (!File.Exists(path)) { throw new PluginInputException($"not a file: {path}"); }
                var bytes = File.ReadAllBytes(path);
                if (bytes.Length == 0 || bytes.Contains((byte)0)) { throw new PluginInputException($"empty or binary: {path}"); }
                try { return new CorpusText(new UTF8Encoding(false, true).GetString(bytes), path); }
                catch (DecoderFallbackException) { throw new PluginInputException($"not UTF-8: {path}"); }
            }
        }

        /// <summary>Reads whatever it is given with File.ReadAllText, and lets its exceptions out.</summary>
        [Plugin("careless", "Lets IOException out")]
        public sealed class Careless : ICorpusSource
        {
            public IReadOnlyList<SettingDefinition> Settings { get; } = [SettingDefinition.Path("path", null, "the file")];

            public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = settings.GetPath("path") ?? throw new PluginInputException("path is not set");
                return new CorpusText(File.ReadAllText(path), path);
            }
        }

        /// <summary>A text of its own, no file: the file checks do not apply.</summary>
        [Plugin("fixedtext", "A text built in")]
        public sealed class FixedText : ICorpusSource
        {
            public CorpusText Read(PluginSettings settings, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new CorpusText(string.Concat(Enumerable.Repeat("the lamp is lit. ", 20)), "built in");
            }
        }
        """;
}
