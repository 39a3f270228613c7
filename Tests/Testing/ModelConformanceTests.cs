using RnnTui.Contracts;
using RnnTui.Models.Gated;
using RnnTui.Plugins;
using RnnTui.Testing;

namespace RnnTui.Tests.Testing;

/// <summary>
/// The model checks of RnnTui.Testing: rnntui's models pass them (the gated ones with stacked layers and dropout too,
/// the built-in vanilla RNN on the managed backend); and a model broken in one way fails the check that catches that,
/// with a detail that names it. The broken models wrap the GRU's managed kernel and change one thing.
/// </summary>
public sealed class ModelConformanceTests
{
    private static readonly string[] Checks =
    [
        "discovery", "settings read", "unknown key", "bad values", "shape", "kernel", "gradient check", "loss and step",
        "resume identity", "agreement", "argument checks", "no allocation per call",
    ];

    public static TheoryData<string, string, string> BrokenModels => new()
    {
        { "dropsbias", "gradient check", ", over the threshold 1e-5, at K = " },
        { "dropsbias", "gradient check", ", dc[" },
        { "forgetsstate", "loss and step", "the sum of -ln softmax of Step's scores against Loss at K = 2, m = 3, n = 1: " },
        { "allocating", "no allocation per call", " bytes per ForwardBackward, 0 bytes per Loss, 0 bytes per Step over 100 calls each after 50 to warm up (K = 17, m = 16, n = 25): an update must allocate nothing once warm" },
        { "offsetloss", "loss and step", "Loss against ForwardBackward's loss at K = 2, m = 3, n = 1: " },
        { "batchdropslast", "agreement", "the summed dUz at B = 2, K = 2, m = 3, n = 25, f64, element " },
        { "unchecked", "argument checks", "Loss with the input 5 accepted; Loss with the target -1 accepted: a kernel must refuse each with an ArgumentException" },
    };

    [Theory]
    [InlineData("gru", 1, 0.0)]
    [InlineData("lstm", 1, 0.0)]
    [InlineData("gru", 2, 0.3)]
    [InlineData("lstm", 2, 0.3)]
    public void CheckModel_GatedModel_PassesEveryCheck(string name, int layers, double dropout)
    {
        IRecurrentModel model = name == "gru" ? new GruModel() : new LstmModel();
        var settings = new PluginSettings([KeyValuePair.Create("layers", $"{layers}"), KeyValuePair.Create("dropout", PluginSettings.Format(dropout))]);

        var report = Conformance.CheckModel(model, settings);

        report.ThrowIfFailed();
        Assert.Equal(Checks, report.Results.Select(r => r.Check));
        Assert.All(report.Results.Where(r => r.Check != "no allocation per call"), r => Assert.NotEqual(ConformanceOutcome.Skip, r.Outcome));
        Assert.Matches(@"^simd agrees with managed: f64 \(computing in f64\): 9 sequences, 12 batches of B = 1, 2, 3, 8, largest relative difference \S+ within a relative 1e-9; "
            + @"f32 \(computing in f32\): 9 sequences, 12 batches of B = 1, 2, 3, 8, largest relative difference \S+ within 1e-4 of the largest element$", Detail(report, "agreement"));
        Assert.Equal("model", report.Kind);
        Assert.Equal(name, report.Name);
    }

    [Fact]
    public void CheckModel_GatedModelWithDropout_GradientCheckUsesTheSameMasks()
    {
        var settings = new PluginSettings([KeyValuePair.Create("layers", "2"), KeyValuePair.Create("dropout", "0.3")]);

        var report = Conformance.CheckModel(new LstmModel(), settings);

        Assert.Contains("the same masks for both differences (settings: dropout=0.3, layers=2)", Detail(report, "gradient check"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckModel_BuiltInVanillaRnnOnTheManagedBackend_Passes()
    {
        var report = Conformance.CheckModel(new VanillaModel());

        report.ThrowIfFailed();
        Assert.Equal("rnn", report.Name);
        Assert.StartsWith("the kernel is the managed backend's own, the reference written plainly", Detail(report, "no allocation per call"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckModel_NoSimdKernel_AgreementSkippedSayingWhy()
    {
        var report = Conformance.CheckModel(new ManagedOnly());

        Assert.True(report.Passed);
        Assert.Equal(ConformanceOutcome.Skip, report.Results.Single(r => r.Check == "agreement").Outcome);
        Assert.Equal("the model has no kernel for simd, so there is nothing to agree with managed", Detail(report, "agreement"));
    }

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void CheckModel_BrokenModel_FailsTheCheckThatCatchesIt(string name, string check, string detail)
    {
        var report = Conformance.CheckModel(Broken(name));

        Assert.Equal(BrokenModels.Where(c => (string)c[0] == name).Select(c => (string)c[1]).Distinct(), report.Results.Where(r => r.Outcome == ConformanceOutcome.Fail).Select(r => r.Check));
        Assert.Contains(detail, Detail(report, check), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckModel_NoManagedKernel_KernelCheckSaysAModelMustHaveOne()
    {
        var report = Conformance.CheckModel(new SimdOnly());

        Assert.Equal(ConformanceOutcome.Fail, report.Results.Single(r => r.Check == "kernel").Outcome);
        Assert.Equal("CreateKernel returned null for the backend managed: a model must have a kernel for managed, the backend every rnntui has", Detail(report, "kernel"));
    }

    private static IRecurrentModel Broken(string name) => name switch
    {
        "dropsbias" => new DropsBiasGradient(),
        "forgetsstate" => new ForgetsState(),
        "allocating" => new Allocating(),
        "offsetloss" => new OffsetLoss(),
        "unchecked" => new Unchecked(),
        "batchdropslast" => new BatchDropsLast(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such broken model"),
    };

    private static string Detail(ConformanceReport report, string check) => report.Results.Single(r => r.Check == check).Detail;

    /// <summary>The GRU, its managed kernel wrapped by <see cref="Wrap"/>, and no kernel for any other backend.</summary>
    public abstract class BreaksKernel : IRecurrentModel
    {
        private readonly GruModel _gru = new();

        public IReadOnlyList<SettingDefinition> Settings => _gru.Settings;

        public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings) => _gru.CreateShape(vocabularySize, hiddenSize, settings);

        public virtual IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) =>
            request.BackendName == "managed" && _gru.CreateKernel(shape, request) is { } kernel ? Wrap(kernel) : null;

        protected abstract IRnnKernel Wrap(IRnnKernel inner);
    }

    /// <summary>A kernel that hands every call to another, for a subclass to change one.</summary>
    public abstract class WrappedKernel(IRnnKernel inner) : IRnnKernel
    {
        public RnnShape Shape => inner.Shape;

        public int MaxSequenceLength => inner.MaxSequenceLength;

        public virtual double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
            inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);

        public virtual double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
            inner.Loss(parameters, inputs, targets, hidden);

        public virtual void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) => inner.Step(parameters, input, hidden, scores);

        public void Dispose() => inner.Dispose();
    }

    [Plugin("managedonly", "The GRU's managed kernel, and none for simd")]
    public sealed class ManagedOnly : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => inner;
    }

    [Plugin("simdonly", "The GRU with no kernel for managed")]
    public sealed class SimdOnly : BreaksKernel
    {
        public override IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) =>
            request.BackendName == "managed" ? null : base.CreateKernel(shape, request with { BackendName = "managed" });

        protected override IRnnKernel Wrap(IRnnKernel inner) => inner;
    }

    [Plugin("batchdropslast", "The GRU, whose batched kernel for simd leaves the last sequence of a batch out of the gradient")]
    public sealed class BatchDropsLast : IRecurrentModel
    {
        private readonly GruModel _gru = new();

        public IReadOnlyList<SettingDefinition> Settings => _gru.Settings;

        public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings) => _gru.CreateShape(vocabularySize, hiddenSize, settings);

        public IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) =>
            _gru.CreateKernel(shape, request) is { } kernel && request.BackendName == "simd" ? new Kernel((IBatchedRnnKernel)kernel) : _gru.CreateKernel(shape, request);

        private sealed class Kernel(IBatchedRnnKernel inner) : WrappedKernel(inner), IBatchedRnnKernel
        {
            public int MaxBatchSize => inner.MaxBatchSize;

            public double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                if (batchSize == 1)
                {
                    return inner.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients);
                }

                var (n, state) = (inputs.Length / batchSize, Shape.StateSize);
                var last = batchSize - 1;
                var loss = inner.ForwardBackwardBatch(parameters, last, inputs[..(last * n)], targets[..(last * n)], hidden[..(last * state)], gradients);
                return loss + inner.Loss(parameters, inputs[(last * n)..], targets[(last * n)..], hidden[(last * state)..]);
            }
        }
    }

    [Plugin("dropsbias", "The output bias's term left out of the gradient")]
    public sealed class DropsBiasGradient : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IRnnKernel inner) : WrappedKernel(inner)
        {
            public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                var loss = base.ForwardBackward(parameters, inputs, targets, hidden, gradients);
                Shape.Segments[^1].Of(gradients).Clear();
                return loss;
            }
        }
    }

    [Plugin("forgetsstate", "Every call of Loss and ForwardBackward starts from a zero state")]
    public sealed class ForgetsState : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IRnnKernel inner) : WrappedKernel(inner)
        {
            public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                hidden.Clear();
                return base.ForwardBackward(parameters, inputs, targets, hidden, gradients);
            }

            public override double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
            {
                hidden.Clear();
                return base.Loss(parameters, inputs, targets, hidden);
            }
        }
    }

    [Plugin("allocating", "A fresh gradient buffer on every ForwardBackward")]
    public sealed class Allocating : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IRnnKernel inner) : WrappedKernel(inner)
        {
            public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                var fresh = new double[gradients.Length];
                var loss = base.ForwardBackward(parameters, inputs, targets, hidden, fresh);
                fresh.CopyTo(gradients);
                return loss;
            }
        }
    }

    [Plugin("offsetloss", "Loss a thousandth above ForwardBackward's loss")]
    public sealed class OffsetLoss : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IRnnKernel inner) : WrappedKernel(inner)
        {
            public override double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
                base.Loss(parameters, inputs, targets, hidden) + 1e-3;
        }
    }

    [Plugin("unchecked", "Loss clamps a character outside [0, K) rather than refusing it")]
    public sealed class Unchecked : BreaksKernel
    {
        protected override IRnnKernel Wrap(IRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IRnnKernel inner) : WrappedKernel(inner)
        {
            private readonly int[] _inputs = new int[inner.MaxSequenceLength];
            private readonly int[] _targets = new int[inner.MaxSequenceLength];

            public override double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
            {
                var n = Math.Min(inputs.Length, _inputs.Length);
                var top = Shape.VocabularySize - 1;
                for (var t = 0; t < n; t++)
                {
                    _inputs[t] = Math.Clamp(inputs[t], 0, top);
                    _targets[t] = Math.Clamp(targets[t], 0, top);
                }

                return base.Loss(parameters, _inputs.AsSpan(0, n), _targets.AsSpan(0, Math.Min(n, targets.Length)), hidden);
            }
        }
    }
}
