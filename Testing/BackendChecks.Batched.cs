using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The checks of batched kernels (<see cref="IBatchedRnnKernel"/>, optional since contracts 1.3), which the host uses
/// for mini-batches: a kernel takes the batches it was created for, computes each sequence as its own
/// <c>ForwardBackward</c> does alone, passes the gradient check on the summed loss, refuses bad batches as
/// <see cref="KernelArguments.CheckBatch"/> does, and allocates nothing once warm.
/// </summary>
internal static partial class BackendChecks
{
    /// <summary>The largest batch every batched kernel is created for, the largest the host benchmarks.</summary>
    private const int MaxBatch = 32;

    /// <summary>Why the batched checks do not apply to a backend whose kernels are not batched.</summary>
    private const string NoBatches = "the backend has no batched kernels; the host calls ForwardBackward once per sequence";

    /// <summary>The batched checks' names, in the order they run.</summary>
    private static readonly string[] BatchedChecks =
    [
        "batched MaxBatchSize",
        "batched agreement with sequences one at a time",
        "batched gradient check",
        "batched argument checks",
        "batched no allocation per call",
    ];

    /// <summary>Batches of one, two, three and eight sequences; <see cref="MaxBatch"/> too at the first shape.</summary>
    private static readonly int[] Batches = [1, 2, 3, 8];

    /// <summary>(K, m) with sizes that are no multiple of a vector's width, the first small, the last the allocation check's.</summary>
    private static readonly (int K, int M)[] BatchedShapes = [(17, 5), (2, 7), (65, 33)];

    /// <summary>
    /// Runs the batched checks when <paramref name="create"/> gives a batched kernel, and records them as skipped when
    /// it gives an ordinary one.
    /// </summary>
    /// <param name="checks">Where the results go.</param>
    /// <param name="create">Creates a kernel with <c>CreateKernel(shape, maxSequenceLength, <see cref="MaxBatch"/>, settings)</c>.</param>
    /// <param name="precision">The kernels' precision.</param>
    /// <param name="referenceName">The reference backend's name.</param>
    /// <param name="isReference">Whether the backend checked is the reference, which is exempt from the allocation check.</param>
    private static void Batched(CheckList checks, Func<RnnShape, IRnnKernel> create, Precision precision, string referenceName, bool isReference)
    {
        // Stays true when CreateKernel throws: the other checks then run, and each fails on what it throws.
        var hasBatches = true;
        checks.Run(BatchedChecks[0], () =>
        {
            using var kernel = create(new RnnShape(3, 2));
            hasBatches = kernel is IBatchedRnnKernel;
            return kernel is IBatchedRnnKernel batched ? MaxBatchSize(batched) : throw CheckList.Skip(NoBatches);
        });
        if (!hasBatches)
        {
            foreach (var name in BatchedChecks.Skip(1))
            {
                checks.Skipped(name, NoBatches);
            }

            return;
        }

        IBatchedRnnKernel Kernel(RnnShape shape) => AsBatched(create(shape));
        checks.Run(BatchedChecks[1], () => BatchAgreement(Kernel, precision));
        checks.Run(BatchedChecks[2], () => BatchGradientCheck(Kernel, precision, referenceName));
        checks.Run(BatchedChecks[3], () => BatchArguments(Kernel));
        checks.Run(BatchedChecks[4], () => BatchAllocation(Kernel, isReference ? referenceName : null));
    }

    private static string MaxBatchSize(IBatchedRnnKernel kernel)
    {
        var largest = kernel.MaxBatchSize;
        CheckList.Expect(largest >= MaxBatch, () => $"MaxBatchSize is {largest} for a kernel created for batches of up to {MaxBatch}; it must take at least the batches it was created for");
        return $"MaxBatchSize is {largest} for a kernel created for batches of up to {MaxBatch}";
    }

    /// <summary>The kernel as batched; the backend gave a batched kernel for one shape, so it must for every shape.</summary>
    private static IBatchedRnnKernel AsBatched(IRnnKernel kernel)
    {
        if (kernel is IBatchedRnnKernel batched)
        {
            return batched;
        }

        var shape = kernel.Shape;
        kernel.Dispose();
        throw CheckList.Fail($"CreateKernel with a batch size gave a batched kernel at K = 3, m = 2 but an ordinary one at K = {shape?.VocabularySize}, m = {shape?.HiddenSize}");
    }

    /// <summary>
    /// ForwardBackwardBatch against B calls of the same kernel's ForwardBackward, gradients summed in order: the summed
    /// loss, each gradient segment and every sequence's final hidden state, from random nonzero starting states. The
    /// weights have the agreement check's scale, so that rounding differences are compared rather than amplified.
    /// </summary>
    private static string BatchAgreement(Func<RnnShape, IBatchedRnnKernel> create, Precision precision)
    {
        var (worst, cases) = (0.0, 0);
        foreach (var (k, m) in BatchedShapes)
        {
            var shape = new RnnShape(k, m);
            using var kernel = create(shape);
            int[] batches = (k, m) == BatchedShapes[0] ? [.. Batches, MaxBatch] : Batches;
            foreach (var batch in batches)
            {
                foreach (var n in Lengths)
                {
                    var where = $"B = {batch}, K = {k}, m = {m}, n = {n}";
                    var network = new TestNetwork((batch * 100_000) + (k * 1000) + (m * 10) + n);
                    var parameters = network.Parameters(shape, 0.5 / Math.Sqrt(m));
                    var (inputs, targets, start) = (network.Characters(batch * n, k), network.Characters(batch * n, k), network.Hidden(batch * m));

                    var (loss, hidden, gradients, sizes) = OneAtATime(kernel, parameters, batch, inputs, targets, start);
                    var (batchLoss, batchHidden, batchGradients) = ForwardBackwardBatch(kernel, parameters, batch, inputs, targets, start);
                    worst = Math.Max(worst, precision.Expect(loss, batchLoss, $"the summed loss at {where}"));
                    foreach (var segment in shape.Segments)
                    {
                        worst = Math.Max(worst, precision.Expect(segment.Of(gradients), segment.Of(batchGradients), segment.Of(sizes), $"the summed d{segment.Name} at {where}"));
                    }

                    for (var b = 0; b < batch; b++)
                    {
                        worst = Math.Max(worst, precision.Expect(hidden.AsSpan(b * m, m), batchHidden.AsSpan(b * m, m), $"sequence {b + 1}'s final hidden state at {where}"));
                    }

                    cases++;
                }
            }
        }

        return $"summed loss, summed gradients (each element on at least the sizes of its sequences' terms) and each sequence's final hidden state within {precision.Describe} (largest relative difference {worst:0.0e+0}) "
            + $"on {cases} cases (K x m = 17 x 5, 2 x 7, 65 x 33; B = 1, 2, 3, 8, and {MaxBatch} at 17 x 5; n = 1, 2, 25)";
    }

    /// <summary>
    /// Centred differences of the loss ForwardBackwardBatch returns (the sum of the sequences' losses) against its summed
    /// gradient, every element, at a size small enough for every derivative.
    /// </summary>
    private static string BatchGradientCheck(Func<RnnShape, IBatchedRnnKernel> create, Precision precision, string reference)
    {
        RequireFloat64(precision, $"the summed gradients are judged by agreement with sequences one at a time instead, whose ForwardBackward is held to {reference}");
        const int batch = 3;
        const int n = 3;
        var shape = new RnnShape(4, 5);
        using var kernel = create(shape);
        var network = new TestNetwork(453);
        var parameters = network.Parameters(shape, 0.1);
        var (inputs, targets, start) = (network.Characters(batch * n, 4), network.Characters(batch * n, 4), network.Hidden(batch * 5));
        var (_, _, analytic) = ForwardBackwardBatch(kernel, parameters, batch, inputs, targets, start);

        var (hidden, ignored) = (new double[start.Length], new double[parameters.Length]);
        var (error, where) = CentredDifferences.Worst(shape, parameters, analytic, 1, (theta, loss) =>
        {
            start.CopyTo(hidden, 0);
            loss[0] = kernel.ForwardBackwardBatch(theta, batch, inputs, targets, hidden, ignored);
        });
        CheckList.Expect(error <= GradientThreshold, () => $"max relative error {error:0.0e+0}, over the threshold {GradientThreshold:0e+0}, at {where}");
        return $"max relative error {error:0.0e+0} (threshold {GradientThreshold:0e+0}) over {parameters.Length} derivatives of the summed loss of B = {batch} sequences at K = 4, m = 5, n = {n}";
    }

    /// <summary>
    /// Each bad argument alone (the others right for it) must throw an <see cref="ArgumentException"/>, as
    /// <see cref="KernelArguments.CheckBatch"/> does, rather than be read past or computed with.
    /// </summary>
    private static string BatchArguments(Func<RnnShape, IBatchedRnnKernel> create)
    {
        const int n = 4;
        var shape = new RnnShape(5, 3);
        using var kernel = create(shape);
        var network = new TestNetwork(5);
        var parameters = network.Parameters(shape, 0.1);
        var gradients = new double[shape.ParameterCount];
        var above = kernel.MaxBatchSize + 1;
        // Sequences for the batch above MaxBatchSize, so that only its size is wrong; two where that would be too many.
        var aboveSequences = above <= 4096 ? above : 2;
        double Call(int batch, int inputs, int hidden, int? lastInput = null)
        {
            var characters = network.Characters(inputs, shape.VocabularySize);
            characters[^1] = lastInput ?? characters[^1];
            return kernel.ForwardBackwardBatch(parameters, batch, characters, network.Characters(inputs, shape.VocabularySize), network.Hidden(hidden), gradients);
        }

        (string What, Func<double> Call)[] cases =
        [
            ("a batch of 0", () => Call(0, 2 * n, 2 * 3)),
            ($"a batch of {above} (MaxBatchSize + 1)", () => Call(above, aboveSequences * n, aboveSequences * 3)),
            ($"{(2 * n) + 1} inputs for a batch of 2", () => Call(2, (2 * n) + 1, 2 * 3)),
            ("a hidden state of 7 for a batch of 2 x 3", () => Call(2, 2 * n, 7)),
            ("input character 5 for K = 5", () => Call(2, 2 * n, 2 * 3, lastInput: 5)),
        ];
        var accepted = CheckList.NotRefused(cases.Select(c => (c.What, (Action)(() => c.Call()))));

        CheckList.Expect(accepted.Count == 0, () => $"{string.Join("; ", accepted)}: ForwardBackwardBatch must refuse each with an ArgumentException (KernelArguments.CheckBatch does)");
        return $"each refused with an ArgumentException: {string.Join(", ", cases.Select(c => c.What))}";
    }

    /// <summary>Bytes allocated by ForwardBackwardBatch once warm, as <see cref="Allocation"/> counts them for ForwardBackward.</summary>
    private static string BatchAllocation(Func<RnnShape, IBatchedRnnKernel> create, string? reference)
    {
        const int batch = 8;
        var shape = new RnnShape(17, 33);
        using var kernel = create(shape);
        var network = new TestNetwork(833);
        var parameters = network.Parameters(shape, 0.5 / Math.Sqrt(shape.HiddenSize));
        var (inputs, targets, start) = (network.Characters(batch * MaxSequence, 17), network.Characters(batch * MaxSequence, 17), network.Hidden(batch * 33));
        var hidden = new double[start.Length];
        var gradients = new double[shape.ParameterCount];
        var bytes = AllocatedBytes(() =>
        {
            start.CopyTo(hidden, 0);
            kernel.ForwardBackwardBatch(parameters, batch, inputs, targets, hidden, gradients);
        });
        var figures = $"{PerCall(bytes)} per ForwardBackwardBatch over {Calls} calls after {WarmUp} to warm up (B = {batch}, K = 17, m = 33, n = {MaxSequence})";
        return NothingAllocated(bytes, figures, "a batch", reference);
    }

    /// <summary>
    /// B calls of ForwardBackward, one per sequence: the summed loss, the final hidden states, the gradients summed in
    /// order, and the sizes of the terms of those sums (each element's |gradient| summed over the sequences), on which a
    /// sum whose sequences cancel is judged.
    /// </summary>
    internal static (double Loss, double[] Hidden, double[] Gradients, double[] Sizes) OneAtATime(IRnnKernel kernel, double[] parameters, int batch, int[] inputs, int[] targets, double[] start)
    {
        var (n, m) = (inputs.Length / batch, kernel.Shape.StateSize);
        var hidden = (double[])start.Clone();
        var (sum, sizes, gradients) = (new double[parameters.Length], new double[parameters.Length], new double[parameters.Length]);
        var loss = 0.0;
        for (var b = 0; b < batch; b++)
        {
            loss += kernel.ForwardBackward(parameters, inputs.AsSpan(b * n, n), targets.AsSpan(b * n, n), hidden.AsSpan(b * m, m), gradients);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += gradients[i];
                sizes[i] += Math.Abs(gradients[i]);
            }
        }

        return (loss, hidden, sum, sizes);
    }

    /// <summary>One call of ForwardBackwardBatch, its gradient buffer filled with NaN first.</summary>
    internal static (double Loss, double[] Hidden, double[] Gradients) ForwardBackwardBatch(IBatchedRnnKernel kernel, double[] parameters, int batch, int[] inputs, int[] targets, double[] start)
    {
        var hidden = (double[])start.Clone();
        // NaN everywhere first, so that a gradient element the kernel does not write shows.
        var gradients = new double[parameters.Length];
        Array.Fill(gradients, double.NaN);
        var loss = kernel.ForwardBackwardBatch(parameters, batch, inputs, targets, hidden, gradients);
        return (loss, hidden, gradients);
    }
}
