using RnnTui.Backends.Simd;
using RnnTui.Contracts;
using RnnTui.Testing;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Testing;

/// <summary>
/// The batched checks of RnnTui.Testing, on backends defined here as a plugin author's tests would: the managed and simd
/// backends pass them (simd in both precisions); a backend without batched kernels has them skipped, saying why; and a
/// batched kernel broken in one way fails the check that catches that, with a detail that names it. The broken kernels
/// wrap the simd backend's batched kernel and change one thing, as the nonconforming plugins wrap its kernel.
/// </summary>
public sealed class BatchedConformanceTests
{
    private static readonly string[] BatchedChecks =
    [
        "batched MaxBatchSize",
        "batched agreement with sequences one at a time",
        "batched gradient check",
        "batched argument checks",
        "batched no allocation per call",
    ];

    private const ConformanceOutcome Pass = ConformanceOutcome.Pass;
    private const ConformanceOutcome Skip = ConformanceOutcome.Skip;

    public static TheoryData<string, string, string> BrokenKernels => new()
    {
        { "dropslast", "batched agreement with sequences one at a time", "the summed dU at B = 1, K = 17, m = 5, n = 1, element " },
        { "dropslast", "batched gradient check", ", over the threshold 1e-5, at d" },
        { "keepshidden", "batched agreement with sequences one at a time", "sequence 1's final hidden state at B = 1, K = 17, m = 5, n = 1, element 0: " },
        { "unchecked", "batched argument checks", "a batch of 0 threw DivideByZeroException: Attempted to divide by zero.; a batch of " },
        { "unchecked", "batched argument checks", " (MaxBatchSize + 1) accepted; 9 inputs for a batch of 2 accepted; a hidden state of 7 for a batch of 2 x 3 accepted: ForwardBackwardBatch must refuse each with an ArgumentException (KernelArguments.CheckBatch does)" },
        { "allocating", "batched no allocation per call", " bytes per ForwardBackwardBatch over 100 calls after 50 to warm up (B = 8, K = 17, m = 33, n = 25): a batch must allocate nothing once warm" },
    };

    [Fact]
    public void CheckBackend_Managed_PassesTheBatchedChecksAndIsExemptFromAllocation()
    {
        var managed = Catalog.Instance.Get<IComputeBackend>("managed").Instance;

        var report = Conformance.CheckBackend(managed, reference: managed);

        Assert.Equal([Pass, Pass, Pass, Pass, Skip], Outcomes(report));
        Assert.StartsWith("managed is the reference the other backends are held to", Detail(report, "batched no allocation per call"), StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void CheckBackend_SimdF64_PassesEveryBatchedCheck()
    {
        var report = Conformance.CheckBackend(new SimdBackend(), Precision("f64"));

        Assert.Equal([Pass, Pass, Pass, Pass, Pass], Outcomes(report));
        Assert.Contains("within a relative 1e-10 (largest relative difference ", Detail(report, "batched agreement with sequences one at a time"), StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void CheckBackend_SimdF32_PassesTheBatchedChecksJudgedAtFloat32sPrecision()
    {
        var report = Conformance.CheckBackend(new SimdBackend(), Precision("f32"));

        Assert.Equal([Pass, Pass, Skip, Pass, Pass], Outcomes(report));
        Assert.Contains("within 1e-4 of the largest element (largest relative difference ", Detail(report, "batched agreement with sequences one at a time"), StringComparison.Ordinal);
        Assert.StartsWith("the kernels compute in f32; centred differences need float64", Detail(report, "batched gradient check"), StringComparison.Ordinal);
        Assert.EndsWith("judged by agreement with sequences one at a time instead, whose ForwardBackward is held to managed", Detail(report, "batched gradient check"), StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void CheckBackend_NoBatchedKernels_BatchedChecksSkippedSayingWhy()
    {
        var report = Conformance.CheckBackend(new Unbatched());

        Assert.Equal([Skip, Skip, Skip, Skip, Skip], Outcomes(report));
        Assert.All(BatchedChecks, c => Assert.Equal("the backend has no batched kernels; the host calls ForwardBackward once per sequence", Detail(report, c)));
        Assert.True(report.Passed);
    }

    [Theory]
    [MemberData(nameof(BrokenKernels))]
    public void CheckBackend_BrokenBatchedKernel_FailsTheCheckThatCatchesIt(string name, string check, string detail)
    {
        var report = Conformance.CheckBackend(Broken(name));

        Assert.Equal(BrokenKernels.Where(c => (string)c[0] == name).Select(c => (string)c[1]).Distinct(), report.Results.Where(r => r.Outcome == ConformanceOutcome.Fail).Select(r => r.Check));
        Assert.Contains(detail, Detail(report, check), StringComparison.Ordinal);
    }

    private static IComputeBackend Broken(string name) => name switch
    {
        "dropslast" => new DropsLastGradient(),
        "keepshidden" => new KeepsHidden(),
        "unchecked" => new Unchecked(),
        "allocating" => new Allocating(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such broken backend"),
    };

    private static PluginSettings Precision(string type) => new([KeyValuePair.Create("precision", type)]);

    private static ConformanceOutcome[] Outcomes(ConformanceReport report) => [.. BatchedChecks.Select(c => report.Results.Single(r => r.Check == c).Outcome)];

    private static string Detail(ConformanceReport report, string check) => report.Results.Single(r => r.Check == check).Detail;

    [Plugin("unbatched", "The simd backend's ordinary kernels only")]
    public sealed class Unbatched : IComputeBackend
    {
        public bool IsSupported => true;

        public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdBackend().CreateKernel(shape, maxSequenceLength);
    }

    /// <summary>The simd backend with its batched kernels wrapped by <see cref="Wrap"/>, which breaks one thing.</summary>
    public abstract class BreaksBatches : IComputeBackend
    {
        public bool IsSupported => true;

        public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new SimdBackend().CreateKernel(shape, maxSequenceLength);

        public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, PluginSettings settings) =>
            Wrap((IBatchedRnnKernel)new SimdBackend().CreateKernel(shape, maxSequenceLength, maxBatchSize, settings));

        protected abstract IBatchedRnnKernel Wrap(IBatchedRnnKernel inner);
    }

    /// <summary>A batched kernel that hands every call to another, for a subclass to change <see cref="ForwardBackwardBatch"/>.</summary>
    public abstract class WrappedBatches(IBatchedRnnKernel inner) : IBatchedRnnKernel
    {
        public RnnShape Shape => inner.Shape;

        public int MaxSequenceLength => inner.MaxSequenceLength;

        public int MaxBatchSize => inner.MaxBatchSize;

        public virtual double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
            inner.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients);

        public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
            inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);

        public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
            inner.Loss(parameters, inputs, targets, hidden);

        public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) => inner.Step(parameters, input, hidden, scores);

        public void Dispose() => inner.Dispose();
    }

    [Plugin("dropslast", "The last sequence's gradient left out of the batch's sum")]
    public sealed class DropsLastGradient : BreaksBatches
    {
        protected override IBatchedRnnKernel Wrap(IBatchedRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IBatchedRnnKernel inner) : WrappedBatches(inner)
        {
            private readonly double[] _dropped = new double[inner.Shape.ParameterCount];

            public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
                var (last, n, m) = (batchSize - 1, inputs.Length / batchSize, Shape.HiddenSize);
                gradients.Clear();
                var loss = last == 0 ? 0 : base.ForwardBackwardBatch(parameters, last, inputs[..(last * n)], targets[..(last * n)], hidden[..(last * m)], gradients);
                return loss + ForwardBackward(parameters, inputs[(last * n)..], targets[(last * n)..], hidden[(last * m)..], _dropped);
            }
        }
    }

    [Plugin("keepshidden", "The batch's final hidden states not written back")]
    public sealed class KeepsHidden : BreaksBatches
    {
        protected override IBatchedRnnKernel Wrap(IBatchedRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IBatchedRnnKernel inner) : WrappedBatches(inner)
        {
            private readonly double[] _hidden = new double[inner.MaxBatchSize * inner.Shape.HiddenSize];

            public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                var copy = _hidden.AsSpan(0, hidden.Length);
                hidden.CopyTo(copy);
                return base.ForwardBackwardBatch(parameters, batchSize, inputs, targets, copy, gradients);
            }
        }
    }

    [Plugin("unchecked", "A batch computed a sequence at a time, its arguments unchecked")]
    public sealed class Unchecked : BreaksBatches
    {
        protected override IBatchedRnnKernel Wrap(IBatchedRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IBatchedRnnKernel inner) : WrappedBatches(inner)
        {
            private readonly double[] _gradients = new double[inner.Shape.ParameterCount];

            public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                var (n, m) = (inputs.Length / batchSize, Shape.HiddenSize);
                gradients.Clear();
                var loss = 0.0;
                for (var b = 0; b < batchSize; b++)
                {
                    loss += ForwardBackward(parameters, inputs.Slice(b * n, n), targets.Slice(b * n, n), hidden.Slice(b * m, m), _gradients);
                    for (var i = 0; i < gradients.Length; i++)
                    {
                        gradients[i] += _gradients[i];
                    }
                }

                return loss;
            }
        }
    }

    [Plugin("allocating", "A copy of the hidden states allocated every batch")]
    public sealed class Allocating : BreaksBatches
    {
        protected override IBatchedRnnKernel Wrap(IBatchedRnnKernel inner) => new Kernel(inner);

        private sealed class Kernel(IBatchedRnnKernel inner) : WrappedBatches(inner)
        {
            public override double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
            {
                var copy = hidden.ToArray();
                return base.ForwardBackwardBatch(parameters, batchSize, inputs, targets, hidden, gradients) + (0 * copy[0]);
            }
        }
    }
}
