using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The checks that a model's kernels compute it: the gradient against centred differences, Loss and Step against
/// ForwardBackward, the same bits from the same seed, and the same numbers on every backend the model has a kernel for.
/// </summary>
internal static partial class ModelChecks
{
    /// <summary>The standard deviation of the parameters the checks draw, whatever the segments' own initialisation.</summary>
    private const double Sigma = 0.3;

    /// <summary>How closely two float64 computations of the same thing must agree: a relative 1e-9.</summary>
    private static readonly Precision Close = new("f64", Tolerance, 1e-3);

    /// <summary>
    /// Every derivative, for each shape and sequence length, against centred differences of the loss, from a random
    /// start state. A kernel that drops out is given the same seed before each loss, so that its masks are the same.
    /// </summary>
    private static string GradientCheck(Context context)
    {
        var worst = (Error: 0.0, Where: "");
        var derivatives = 0;
        var masks = "";
        foreach (var (k, m) in Shapes)
        {
            var shape = context.Shape(k, m);
            using var kernel = context.Kernel(shape);
            var dropout = kernel as IDropoutKernel;
            masks = dropout is null ? "" : ", the same masks for both differences";
            foreach (var n in Lengths)
            {
                var (parameters, inputs, targets, start) = Network(shape, (k * 1000) + (m * 100) + n, n);
                dropout?.BeginUpdate(UpdateSeed);
                var (_, _, analytic) = BackendChecks.ForwardBackward(kernel, parameters, inputs, targets, start);
                var state = new double[shape.StateSize];
                var scratch = new double[shape.ParameterCount];
                var (error, where) = CentredGradient.Worst(shape, parameters, analytic, theta =>
                {
                    start.CopyTo(state, 0);
                    if (dropout is null)
                    {
                        return kernel.Loss(theta, inputs, targets, state);
                    }

                    dropout.BeginUpdate(UpdateSeed);
                    return kernel.ForwardBackward(theta, inputs, targets, state, scratch);
                });
                derivatives += parameters.Length;
                if (error >= worst.Error)
                {
                    worst = (error, $"K = {k}, m = {m}, n = {n}, {where}");
                }
            }
        }

        CheckList.Expect(worst.Error < CentredGradient.Tolerance, () => $"max relative error {worst.Error:0.0e+0}, over the threshold {CentredGradient.Tolerance:0e+0}, at {worst.Where}");
        return $"max relative error {worst.Error:0.0e+0} (threshold {CentredGradient.Tolerance:0e+0}, with a floor for the loss's rounding) over {derivatives:N0} derivatives "
            + $"at K x m = {string.Join(", ", Shapes.Select(s => $"{s.K} x {s.M}"))}, n = 1, 2 and 25, parameters from N(0, {Sigma}^2){masks} (settings: {context.Settings})";
    }

    /// <summary>
    /// Loss gives the loss and final state of ForwardBackward (of a kernel that computes the plain model: the settings
    /// that do not change the shape at their defaults, before any BeginUpdate); Step's scores give Loss's loss as
    /// -ln softmax, character by character; and a state carried from one call to the next gives what one call over the
    /// joined sequence gives.
    /// </summary>
    private static string LossAndStep(Context context)
    {
        var cases = 0;
        foreach (var (k, m) in Shapes)
        {
            var shape = context.Shape(k, m);
            using var kernel = context.Kernel(shape);
            using var plain = context.Kernel(shape, with: context.PlainValues(k, m));
            foreach (var n in Lengths)
            {
                var where = $"K = {k}, m = {m}, n = {n}";
                var (parameters, inputs, targets, start) = Network(shape, (k * 1000) + (m * 100) + n + 7, n);
                var (trained, trainedState, _) = BackendChecks.ForwardBackward(plain, parameters, inputs, targets, start);
                var (loss, state) = BackendChecks.Loss(kernel, parameters, inputs, targets, start);
                Close.Expect(trained, loss, $"Loss against ForwardBackward's loss at {where}");
                Close.Expect(trainedState, state, $"Loss's final state against ForwardBackward's at {where}");

                var (stepped, stepState) = BackendChecks.Stepped(kernel, parameters, inputs, targets, start);
                Close.Expect(loss, stepped, $"the sum of -ln softmax of Step's scores against Loss at {where}");
                Close.Expect(state, stepState, $"Step's final state against Loss's at {where}");

                if (n > 1)
                {
                    var half = n / 2;
                    var (first, middle) = BackendChecks.Loss(kernel, parameters, inputs[..half], targets[..half], start);
                    var (second, end) = BackendChecks.Loss(kernel, parameters, inputs[half..], targets[half..], middle);
                    Close.Expect(loss, first + second, $"Loss over {half} and then {n - half} characters, the state carried, against Loss over all {n} at {where}");
                    Close.Expect(state, end, $"the final state of Loss over {half} and then {n - half} characters against Loss over all {n} at {where}");
                    var (_, trainedMiddle, _) = BackendChecks.ForwardBackward(plain, parameters, inputs[..half], targets[..half], start);
                    var (_, trainedEnd, _) = BackendChecks.ForwardBackward(plain, parameters, inputs[half..], targets[half..], trainedMiddle);
                    Close.Expect(trainedState, trainedEnd, $"the final state of ForwardBackward over {half} and then {n - half} characters against ForwardBackward over all {n} at {where}");
                }

                cases++;
            }
        }

        return $"Loss gives ForwardBackward's loss and final state, Step's scores give Loss's loss and state, and a carried state gives one call's, within a relative {Tolerance:0e+0} on {cases} cases";
    }

    /// <summary>Two kernels made alike, given the same seed and arguments, give the same bits; so does one given the same seed again.</summary>
    private static string ResumeIdentity(Context context)
    {
        var shape = context.Shape(5, 4);
        using var kernel = context.Kernel(shape);
        using var twin = context.Kernel(shape);
        var (parameters, inputs, targets, start) = Network(shape, 4242, MaxSequence);
        (double, double[], double[]) Update(IRnnKernel on)
        {
            (on as IDropoutKernel)?.BeginUpdate(UpdateSeed);
            return BackendChecks.ForwardBackward(on, parameters, inputs, targets, start);
        }

        var expected = Update(kernel);
        Identical(expected, Update(twin), "two kernels made alike and given the same seed and arguments");
        Identical(expected, Update(kernel), "a kernel given the same seed and arguments again");
        var seeded = kernel is IDropoutKernel ? $"BeginUpdate({UpdateSeed}) and " : "";
        return $"{seeded}the same arguments give the same loss, gradient and final state to the bit, on a twin kernel and on the same kernel again (K = 5, m = 4, n = {MaxSequence})";
    }

    /// <summary>Fails unless two updates' loss, final state and gradient are the same bits.</summary>
    private static void Identical((double Loss, double[] State, double[] Gradients) expected, (double Loss, double[] State, double[] Gradients) actual, string what)
    {
        CheckList.Expect(
            BitConverter.DoubleToInt64Bits(expected.Loss) == BitConverter.DoubleToInt64Bits(actual.Loss),
            () => $"{what}: the loss was {expected.Loss:R} and then {actual.Loss:R} (rnntui resumes a run bit for bit only if a kernel repeats itself)");
        foreach (var (name, first, second) in new[] { ("final state", expected.State, actual.State), ("gradient", expected.Gradients, actual.Gradients) })
        {
            var index = Bits.FirstDifference(first, second);
            CheckList.Expect(index < 0, () => $"{what}: the {name} differs at {Bits.Show(first, second, index)}");
        }
    }

    /// <summary>
    /// When the model has a kernel for <c>simd</c>, it agrees with the managed one in each of simd's precisions, within
    /// that precision (a relative 1e-9 in float64): ForwardBackward's loss, gradient and final state and Step's scores
    /// from the same seed; and, when the kernel is batched, ForwardBackwardBatch of B sequences against B calls of the
    /// managed kernel, gradients summed (without dropout, whose masks a batch draws in its own order).
    /// </summary>
    private static string Agreement(Context context)
    {
        var described = new List<string>();
        foreach (var precision in new[] { "f64", "f32" })
        {
            IRnnKernel? probe;
            try
            {
                probe = context.KernelOrNull(context.Shape(5, 4), Simd, precision: precision);
            }
            catch (PluginInputException e) when (precision != "f64")
            {
                described.Add($"{precision}: refused ({e.Message})");
                continue;
            }

            using (probe)
            {
                if (probe is null)
                {
                    throw CheckList.Skip($"the model has no kernel for {Simd}, so there is nothing to agree with {Managed}");
                }

                if (Precision.Of(probe.ElementType ?? "f64") is not { } known)
                {
                    described.Add($"{precision}: computes in {probe.ElementType}, which the check does not know");
                    continue;
                }

                var close = known.ElementType == "f64" ? Close : known;
                var (worst, cases) = SequenceAgreement(context, precision, close);
                var batched = probe is IBatchedRnnKernel ? BatchAgreement(context, precision, close) : (Worst: 0.0, Cases: 0);
                var batches = batched.Cases > 0 ? $", {batched.Cases} batches of B = {string.Join(", ", ModelBatches)}" : ", not batched";
                described.Add($"{precision} (computing in {known.ElementType}): {cases} sequences{batches}, largest relative difference {Math.Max(worst, batched.Worst):0.0e+0} within {close.Describe}");
            }
        }

        return $"{Simd} agrees with {Managed}: {string.Join("; ", described)}";
    }

    /// <summary>Batch sizes the model's batched kernels are checked at.</summary>
    private static readonly int[] ModelBatches = [1, 2, 3, 8];

    /// <summary>ForwardBackward and Step of the simd kernel in a precision against the managed kernel's.</summary>
    private static (double Worst, int Cases) SequenceAgreement(Context context, string precision, Precision close)
    {
        var worst = 0.0;
        var cases = 0;
        foreach (var (k, m) in Shapes)
        {
            var shape = context.Shape(k, m);
            using var managed = context.Kernel(shape);
            using var other = context.Kernel(shape, Simd, precision: precision);
            foreach (var n in Lengths)
            {
                var where = $"K = {k}, m = {m}, n = {n}, {precision}";
                var (parameters, inputs, targets, start) = Network(shape, (k * 1000) + (m * 100) + n + 13, n);
                (managed as IDropoutKernel)?.BeginUpdate(UpdateSeed);
                (other as IDropoutKernel)?.BeginUpdate(UpdateSeed);
                var (loss, state, gradients) = BackendChecks.ForwardBackward(managed, parameters, inputs, targets, start);
                var (otherLoss, otherState, otherGradients) = BackendChecks.ForwardBackward(other, parameters, inputs, targets, start);
                worst = Math.Max(worst, close.Expect(loss, otherLoss, $"ForwardBackward's loss on {Simd} at {where}"));
                worst = Math.Max(worst, close.Expect(state, otherState, $"ForwardBackward's final state on {Simd} at {where}"));
                foreach (var segment in shape.Segments)
                {
                    worst = Math.Max(worst, close.Expect(segment.Of(gradients), segment.Of(otherGradients), $"d{segment.Name} on {Simd} at {where}"));
                }

                var (managedState, otherStepState) = ((double[])start.Clone(), (double[])start.Clone());
                var (scores, otherScores) = (new double[k], new double[k]);
                for (var t = 0; t < n; t++)
                {
                    managed.Step(parameters, inputs[t], managedState, scores);
                    other.Step(parameters, inputs[t], otherStepState, otherScores);
                    worst = Math.Max(worst, close.Expect(scores, otherScores, $"Step's scores on {Simd} at character {t + 1}, {where}"));
                }

                cases++;
            }
        }

        return (worst, cases);
    }

    /// <summary>ForwardBackwardBatch of the simd kernel in a precision against the managed kernel one sequence at a time.</summary>
    private static (double Worst, int Cases) BatchAgreement(Context context, string precision, Precision close)
    {
        var worst = 0.0;
        var cases = 0;
        foreach (var (k, m) in Shapes)
        {
            var plain = context.PlainValues(k, m);
            var shape = context.Shape(k, m);
            using var managed = context.Kernel(shape, with: plain);
            using var kernel = context.Kernel(shape, Simd, with: plain, precision: precision, maxBatchSize: ModelBatches[^1]);
            var batched = kernel as IBatchedRnnKernel
                ?? throw CheckList.Fail($"the kernel for {Simd} is batched at K = 5, m = 4 but not at K = {k}, m = {m}");
            foreach (var batch in ModelBatches)
            {
                const int n = MaxSequence;
                var where = $"B = {batch}, K = {k}, m = {m}, n = {n}, {precision}";
                var network = new TestNetwork((batch * 100_000) + (k * 1000) + (m * 10) + n);
                var parameters = network.Normal(shape.ParameterCount, Sigma);
                var (inputs, targets, start) = (network.Characters(batch * n, k), network.Characters(batch * n, k), network.Hidden(batch * shape.StateSize));
                var (loss, state, gradients, sizes) = BackendChecks.OneAtATime(managed, parameters, batch, inputs, targets, start);
                var (batchLoss, batchState, batchGradients) = BackendChecks.ForwardBackwardBatch(batched, parameters, batch, inputs, targets, start);
                worst = Math.Max(worst, close.Expect(loss, batchLoss, $"ForwardBackwardBatch's summed loss at {where}"));
                worst = Math.Max(worst, close.Expect(state, batchState, $"ForwardBackwardBatch's final states at {where}"));
                foreach (var segment in shape.Segments)
                {
                    worst = Math.Max(worst, close.Expect(segment.Of(gradients), segment.Of(batchGradients), segment.Of(sizes), $"the summed d{segment.Name} at {where}"));
                }

                cases++;
            }
        }

        return (worst, cases);
    }

    /// <summary>Parameters from N(0, sigma^2), two sequences of n characters and a start state, from a seed.</summary>
    private static (double[] Parameters, int[] Inputs, int[] Targets, double[] Start) Network(RnnShape shape, int seed, int n)
    {
        var network = new TestNetwork(seed);
        var parameters = network.Normal(shape.ParameterCount, Sigma);
        var inputs = network.Characters(n, shape.VocabularySize);
        var targets = network.Characters(n, shape.VocabularySize);
        return (parameters, inputs, targets, network.Hidden(shape.StateSize));
    }
}
