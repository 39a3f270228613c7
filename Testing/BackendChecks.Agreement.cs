using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The checks that compare outputs: with the reference backend, between a kernel's own methods, and of allocation. The
/// calls and counts that make them are shared with the model checks (<see cref="ModelChecks"/>).
/// </summary>
internal static partial class BackendChecks
{
    /// <summary>Calls made to warm a kernel up before its allocations are counted.</summary>
    internal const int WarmUp = 50;

    /// <summary>Calls whose allocations are counted.</summary>
    internal const int Calls = 100;

    /// <summary>
    /// m = 1 to 17 and K = 2 to 18, each vector remainder of 512-bit (and so 256- and 128-bit) vectors of float64 and
    /// float32 in both, and three larger shapes, the last the report's size.
    /// </summary>
    private static readonly (int K, int M)[] Shapes = [.. Enumerable.Range(1, 17).Select(m => (((m * 7) % 17) + 2, m)), (65, 31), (40, 33), (80, 100)];

    /// <summary>
    /// ForwardBackward (loss, every gradient element, final hidden state), Loss (loss, hidden state) and Step (scores,
    /// hidden state, character by character) against the reference on every shape and sequence length. Weights of scale
    /// 0.5 / sqrt(m) keep the recurrence contracting, so that rounding differences are compared rather than amplified.
    /// </summary>
    private static string Agreement(Func<RnnShape, IRnnKernel> create, Func<RnnShape, IRnnKernel> reference, Precision precision)
    {
        foreach (var (k, m) in Shapes)
        {
            var shape = new RnnShape(k, m);
            using var kernel = create(shape);
            using var expected = reference(shape);
            CheckList.Expect(kernel.Shape == shape, () => $"a kernel created for K = {k}, m = {m} says its shape is K = {kernel.Shape?.VocabularySize}, m = {kernel.Shape?.HiddenSize}");
            foreach (var n in Lengths)
            {
                var where = $"K = {k}, m = {m}, n = {n}";
                var network = new TestNetwork((k * 1000) + (m * 10) + n);
                var parameters = network.Parameters(shape, 0.5 / Math.Sqrt(m));
                var (inputs, targets, start) = (network.Characters(n, k), network.Characters(n, k), network.Hidden(m));

                var (loss, hidden, gradients) = ForwardBackward(expected, parameters, inputs, targets, start);
                var (actualLoss, actualHidden, actualGradients) = ForwardBackward(kernel, parameters, inputs, targets, start);
                precision.Expect(loss, actualLoss, $"ForwardBackward's loss at {where}");
                precision.Expect(hidden, actualHidden, $"ForwardBackward's final hidden state at {where}");
                foreach (var segment in shape.Segments)
                {
                    precision.Expect(segment.Of(gradients), segment.Of(actualGradients), $"d{segment.Name} at {where}");
                }

                var (forward, forwardHidden) = Loss(expected, parameters, inputs, targets, start);
                var (actualForward, actualForwardHidden) = Loss(kernel, parameters, inputs, targets, start);
                precision.Expect(forward, actualForward, $"Loss at {where}");
                precision.Expect(forwardHidden, actualForwardHidden, $"Loss's final hidden state at {where}");

                var (stepHidden, actualStepHidden) = ((double[])start.Clone(), (double[])start.Clone());
                var (scores, actualScores) = (new double[k], new double[k]);
                for (var t = 0; t < n; t++)
                {
                    expected.Step(parameters, inputs[t], stepHidden, scores);
                    kernel.Step(parameters, inputs[t], actualStepHidden, actualScores);
                    precision.Expect(scores, actualScores, $"Step's scores at character {t + 1}, {where}");
                    precision.Expect(stepHidden, actualStepHidden, $"Step's hidden state at character {t + 1}, {where}");
                }
            }
        }

        return $"loss, gradients, final hidden state, Loss and Step within {precision.Describe} on {Shapes.Length * Lengths.Length} cases (m = 1 to 17 with K = 2 to 18, and K x m = 65 x 31, 40 x 33, 80 x 100; n = 1, 2, 25)";
    }

    /// <summary>A kernel's Loss, and its Step character by character, give ForwardBackward's loss and final hidden state.</summary>
    private static string Consistency(Func<RnnShape, IRnnKernel> create, Precision precision)
    {
        foreach (var (k, m) in Shapes)
        {
            var shape = new RnnShape(k, m);
            using var kernel = create(shape);
            foreach (var n in Lengths)
            {
                var where = $"K = {k}, m = {m}, n = {n}";
                var network = new TestNetwork((k * 1000) + (m * 10) + n + 7);
                var parameters = network.Parameters(shape, 0.5 / Math.Sqrt(m));
                var (inputs, targets, start) = (network.Characters(n, k), network.Characters(n, k), network.Hidden(m));
                var (loss, hidden, _) = ForwardBackward(kernel, parameters, inputs, targets, start);

                var (forward, forwardHidden) = Loss(kernel, parameters, inputs, targets, start);
                precision.Expect(loss, forward, $"Loss against ForwardBackward's loss at {where}");
                precision.Expect(hidden, forwardHidden, $"Loss's final hidden state against ForwardBackward's at {where}");

                var (stepped, stepHidden) = Stepped(kernel, parameters, inputs, targets, start);
                precision.Expect(loss, stepped, $"the loss of Step's scores against ForwardBackward's loss at {where}");
                precision.Expect(hidden, stepHidden, $"Step's final hidden state against ForwardBackward's at {where}");
            }
        }

        return $"Loss and Step give ForwardBackward's loss and final hidden state within {precision.Describe} on {Shapes.Length * Lengths.Length} cases";
    }

    /// <summary>
    /// Bytes allocated on the calling thread by many calls after a warm-up: an update must allocate nothing, or the
    /// garbage collector interrupts training. The reference backend is exempt: it is written plainly, not for speed.
    /// </summary>
    private static string Allocation(Func<RnnShape, IRnnKernel> create, string? reference)
    {
        var shape = new RnnShape(17, 33);
        using var kernel = create(shape);
        var network = new TestNetwork(33);
        var parameters = network.Parameters(shape, 0.5 / Math.Sqrt(shape.HiddenSize));
        var (inputs, targets, start) = (network.Characters(MaxSequence, shape.VocabularySize), network.Characters(MaxSequence, shape.VocabularySize), network.Hidden(shape.HiddenSize));
        var hidden = new double[shape.HiddenSize];
        var gradients = new double[shape.ParameterCount];
        var scores = new double[shape.VocabularySize];
        var update = AllocatedBytes(() =>
        {
            start.CopyTo(hidden, 0);
            kernel.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        });
        var loss = AllocatedBytes(() =>
        {
            start.CopyTo(hidden, 0);
            kernel.Loss(parameters, inputs, targets, hidden);
        });
        var step = AllocatedBytes(() => kernel.Step(parameters, inputs[0], hidden, scores));
        var figures = $"{PerCall(update)} per ForwardBackward, {PerCall(loss)} per Loss, {PerCall(step)} per Step over {Calls} calls each after {WarmUp} to warm up (K = 17, m = 33, n = 25)";
        return NothingAllocated(update, figures, "an update", reference);
    }

    /// <summary>
    /// Bytes allocated on the calling thread by <see cref="Calls"/> calls after <see cref="WarmUp"/>, the fewer of two
    /// such counts: what the runtime allocates once (a type loaded as the compiler optimises a method it has seen called
    /// often, which on a busy machine may happen well after the warm-up) shows in one count, while an allocation per
    /// call shows in both.
    /// </summary>
    internal static long AllocatedBytes(Action call)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            call();
        }

        return Math.Min(Count(call), Count(call));

        static long Count(Action call)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                call();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    /// <summary>
    /// Passes with <paramref name="figures"/> when <paramref name="bytes"/> come to less than a byte a call on average: a
    /// one-off allocation (a lazy table) passes, any allocation per call fails. Skips for the reference backend.
    /// </summary>
    private static string NothingAllocated(long bytes, string figures, string what, string? reference)
    {
        if (reference is not null)
        {
            throw CheckList.Skip($"{reference} is the reference the other backends are held to, written plainly rather than for speed: {figures}");
        }

        CheckList.Expect(bytes < Calls, () => $"{figures}: {what} must allocate nothing once warm (allocate workspaces when the kernel is created)");
        return figures;
    }

    internal static string PerCall(long bytes) => bytes < Calls ? "0 bytes" : $"{bytes / Calls:N0} bytes";

    internal static (double Loss, double[] Hidden, double[] Gradients) ForwardBackward(IRnnKernel kernel, double[] parameters, int[] inputs, int[] targets, double[] start)
    {
        var hidden = (double[])start.Clone();
        // NaN everywhere first, so that a gradient element the kernel does not write shows.
        var gradients = new double[parameters.Length];
        Array.Fill(gradients, double.NaN);
        var loss = kernel.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        return (loss, hidden, gradients);
    }

    internal static (double Loss, double[] Hidden) Loss(IRnnKernel kernel, double[] parameters, int[] inputs, int[] targets, double[] start)
    {
        var hidden = (double[])start.Clone();
        return (kernel.Loss(parameters, inputs, targets, hidden), hidden);
    }

    /// <summary>The loss as Step's scores give it, -ln softmax(o)[y] character by character, and the state Step ends in.</summary>
    internal static (double Loss, double[] Hidden) Stepped(IRnnKernel kernel, double[] parameters, int[] inputs, int[] targets, double[] start)
    {
        var hidden = (double[])start.Clone();
        var scores = new double[kernel.Shape.VocabularySize];
        var loss = 0.0;
        for (var t = 0; t < inputs.Length; t++)
        {
            kernel.Step(parameters, inputs[t], hidden, scores);
            loss += CrossEntropy(scores, targets[t]);
        }

        return (loss, hidden);
    }

    /// <summary>-ln softmax(o)[y], computed stably.</summary>
    private static double CrossEntropy(double[] scores, int target)
    {
        var top = scores.Max();
        var sum = 0.0;
        foreach (var score in scores)
        {
            sum += Math.Exp(score - top);
        }

        return top + Math.Log(sum) - scores[target];
    }
}
