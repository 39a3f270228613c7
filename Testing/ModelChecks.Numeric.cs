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
    /// When the model has a kernel for <c>simd</c> too, it agrees with the managed one: loss, gradient, final state and
    /// Step's scores, from the same seed, within a relative 1e-9.
    /// </summary>
    private static string Agreement(Context context)
    {
        const string Simd = "simd";
        using (var probe = context.KernelOrNull(context.Shape(5, 4), Simd))
        {
            if (probe is null)
            {
                throw CheckList.Skip($"the model has no kernel for {Simd}, so there is nothing to agree with {Managed}");
            }

            if ((probe.ElementType ?? "f64") != "f64")
            {
                throw CheckList.Skip($"the model's kernel for {Simd} computes in {probe.ElementType}, not float64, so it is not held to {Managed}'s numbers");
            }
        }

        var worst = 0.0;
        var cases = 0;
        foreach (var (k, m) in Shapes)
        {
            var shape = context.Shape(k, m);
            using var managed = context.Kernel(shape);
            using var other = context.Kernel(shape, Simd);
            foreach (var n in Lengths)
            {
                var where = $"K = {k}, m = {m}, n = {n}";
                var (parameters, inputs, targets, start) = Network(shape, (k * 1000) + (m * 100) + n + 13, n);
                (managed as IDropoutKernel)?.BeginUpdate(UpdateSeed);
                (other as IDropoutKernel)?.BeginUpdate(UpdateSeed);
                var (loss, state, gradients) = BackendChecks.ForwardBackward(managed, parameters, inputs, targets, start);
                var (otherLoss, otherState, otherGradients) = BackendChecks.ForwardBackward(other, parameters, inputs, targets, start);
                worst = Math.Max(worst, Close.Expect(loss, otherLoss, $"ForwardBackward's loss on {Simd} at {where}"));
                worst = Math.Max(worst, Close.Expect(state, otherState, $"ForwardBackward's final state on {Simd} at {where}"));
                foreach (var segment in shape.Segments)
                {
                    worst = Math.Max(worst, Close.Expect(segment.Of(gradients), segment.Of(otherGradients), $"d{segment.Name} on {Simd} at {where}"));
                }

                var (managedState, otherStepState) = ((double[])start.Clone(), (double[])start.Clone());
                var (scores, otherScores) = (new double[k], new double[k]);
                for (var t = 0; t < n; t++)
                {
                    managed.Step(parameters, inputs[t], managedState, scores);
                    other.Step(parameters, inputs[t], otherStepState, otherScores);
                    worst = Math.Max(worst, Close.Expect(scores, otherScores, $"Step's scores on {Simd} at character {t + 1}, {where}"));
                }

                cases++;
            }
        }

        return $"{Simd}'s loss, gradient, final state and Step scores agree with {Managed}'s within a relative {Tolerance:0e+0} on {cases} cases (largest relative difference {worst:0.0e+0})";
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
