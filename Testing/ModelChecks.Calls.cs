using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>The rules of a kernel's calls: bad arguments refused, and nothing allocated once warm.</summary>
internal static partial class ModelChecks
{
    /// <summary>
    /// Wrong-length parameters, state and gradients, and a character outside [0, K), given to Loss, ForwardBackward and
    /// Step: each must throw an <see cref="ArgumentException"/> (as <see cref="KernelArguments"/>' checks do).
    /// </summary>
    private static string ArgumentChecks(Context context)
    {
        var shape = context.Shape(5, 4);
        using var kernel = context.Kernel(shape, maxSequenceLength: 4);
        var (parameters, inputs, targets, start) = Network(shape, 77, 3);
        var (p, s, k) = (shape.ParameterCount, shape.StateSize, shape.VocabularySize);
        double[] State(int length)
        {
            var state = new double[length];
            start.AsSpan(0, Math.Min(length, s)).CopyTo(state);
            return state;
        }

        int[] With(int[] characters, int character) => [character, .. characters[1..]];
        var cases = new (string What, Action Call)[]
        {
            ($"Loss with {p - 1} parameters", () => kernel.Loss(new double[p - 1], inputs, targets, State(s))),
            ($"Loss with a state of {s + 1}", () => kernel.Loss(parameters, inputs, targets, State(s + 1))),
            ($"Loss with the input {k}", () => kernel.Loss(parameters, With(inputs, k), targets, State(s))),
            ("Loss with the target -1", () => kernel.Loss(parameters, inputs, With(targets, -1), State(s))),
            ($"ForwardBackward with {p + 1} parameters", () => kernel.ForwardBackward(new double[p + 1], inputs, targets, State(s), new double[p])),
            ($"ForwardBackward with a state of {s + 1}", () => kernel.ForwardBackward(parameters, inputs, targets, State(s + 1), new double[p])),
            ($"ForwardBackward with {p - 1} gradients", () => kernel.ForwardBackward(parameters, inputs, targets, State(s), new double[p - 1])),
            ($"ForwardBackward with the input {k}", () => kernel.ForwardBackward(parameters, With(inputs, k), targets, State(s), new double[p])),
            ($"ForwardBackward with the target {k}", () => kernel.ForwardBackward(parameters, inputs, With(targets, k), State(s), new double[p])),
            ($"Step with {p - 1} parameters", () => kernel.Step(new double[p - 1], inputs[0], State(s), new double[k])),
            ($"Step with a state of {s + 1}", () => kernel.Step(parameters, inputs[0], State(s + 1), new double[k])),
            ($"Step with the input {k}", () => kernel.Step(parameters, k, State(s), new double[k])),
            ("Step with the input -1", () => kernel.Step(parameters, -1, State(s), new double[k])),
        };

        var problems = CheckList.NotRefused(cases);

        CheckList.Expect(problems.Count == 0, () => $"{string.Join("; ", problems)}: a kernel must refuse each with an ArgumentException (KernelArguments.CheckSequence and CheckStep do)");
        return $"{cases.Length} bad calls refused with ArgumentException (wrong-length parameters, state and gradients, characters outside [0, {k}))";
    }

    /// <summary>
    /// Bytes allocated on the calling thread by ForwardBackward (after BeginUpdate, for a kernel that drops out) once
    /// warm: an update must allocate nothing, or the garbage collector interrupts training. The managed backend's own
    /// kernel, which a model that uses its backend's kernels hands out, is exempt: it is the reference, written plainly.
    /// </summary>
    private static string Allocation(Context context)
    {
        var shape = context.Shape(17, 16);
        using var kernel = context.Kernel(shape);
        var (parameters, inputs, targets, start) = Network(shape, 1617, MaxSequence);
        var state = new double[shape.StateSize];
        var gradients = new double[shape.ParameterCount];
        var scores = new double[shape.VocabularySize];
        var dropout = kernel as IDropoutKernel;
        var update = BackendChecks.AllocatedBytes(() =>
        {
            dropout?.BeginUpdate(UpdateSeed);
            start.CopyTo(state, 0);
            kernel.ForwardBackward(parameters, inputs, targets, state, gradients);
        });
        var loss = BackendChecks.AllocatedBytes(() =>
        {
            start.CopyTo(state, 0);
            kernel.Loss(parameters, inputs, targets, state);
        });
        var step = BackendChecks.AllocatedBytes(() => kernel.Step(parameters, inputs[0], state, scores));
        var figures = $"{BackendChecks.PerCall(update)} per ForwardBackward, {BackendChecks.PerCall(loss)} per Loss, {BackendChecks.PerCall(step)} per Step "
            + $"over {BackendChecks.Calls} calls each after {BackendChecks.WarmUp} to warm up (K = 17, m = 16, n = {MaxSequence})";
        if (context.IsReferenceKernel(kernel))
        {
            throw CheckList.Skip($"the kernel is the {Managed} backend's own, the reference written plainly rather than for speed: {figures}");
        }

        CheckList.Expect(update < BackendChecks.Calls, () => $"{figures}: an update must allocate nothing once warm (allocate workspaces when the kernel is created)");
        return figures;
    }
}
