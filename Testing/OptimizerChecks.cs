using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// What the host relies on from an optimizer: it reads its settings when created, its state is named buffers of fixed
/// lengths that a fresh optimizer can be given to continue bit for bit (checkpoints, and the undo of a failed step), an
/// <see cref="IClippingOptimizer"/> writes out of place exactly what it writes in place and clamps as it reads, zero
/// gradients move nothing, a learning rate it exposes is used, and it trains.
/// </summary>
internal static partial class OptimizerChecks
{
    /// <summary>The host's default clip limit.</summary>
    private const double Clip = 5;

    /// <summary>Parameter counts with every remainder of 512-bit vectors of float64 and float32, and a longer one.</summary>
    private static readonly int[] Counts = [.. Enumerable.Range(1, 17), 31, 33, 1031];

    /// <summary><see cref="Counts"/> in words.</summary>
    private const string CountsText = "1 to 17, 31, 33 and 1,031 parameters";

    /// <summary>The counts a run of many steps is checked on.</summary>
    private static readonly int[] RunCounts = [17, 1031];

    public static ConformanceReport Run(IOptimizerProvider provider, PluginSettings? given)
    {
        var checks = new CheckList();
        PluginIdentity.Check(checks, provider);
        var definitions = PluginIdentity.Settings(provider);
        var values = SettingsChecks.Effective(definitions, given);
        var defaults = SettingsChecks.Effective(definitions, null);
        IOptimizer Create(int count, IReadOnlyDictionary<string, string> settings) =>
            provider.Create(count, SettingsChecks.Settings(settings)) ?? throw CheckList.Fail("Create returned null");

        SettingsChecks.Check(checks, definitions, values, "Create", settings => provider.Create(Counts[^1], settings));
        checks.Run("state buffers", () => StateBuffers(count => Create(count, values)));
        checks.Run("resume", () => Resume(count => Create(count, values)));
        checks.Run("out-of-place step", () => OutOfPlace(count => Create(count, values)));
        checks.Run("ranges", () => Ranges(count => Create(count, values)));
        checks.Run("clipping", () => Clipping(count => Create(count, values)));
        checks.Run("zero gradients", () => ZeroGradients(count => Create(count, defaults), defaults));
        checks.Run("learning rate", () => LearningRate(count => Create(count, values)));
        checks.Run("loss falls", () => LossFalls(count => Create(count, values)));
        return checks.Report("optimizer", PluginIdentity.NameOf(provider));
    }

    /// <summary>
    /// One update as the host makes it: an <see cref="IClippingOptimizer"/> clamps as it reads, in place; any other
    /// optimizer gets the gradient clamped.
    /// </summary>
    private static void HostStep(IOptimizer optimizer, double[] parameters, double[] gradient)
    {
        if (optimizer is IClippingOptimizer clipping)
        {
            clipping.Step(parameters, parameters, gradient, Clip);
            return;
        }

        optimizer.Step(parameters, Clamped(gradient, Clip));
    }

    /// <summary><c>1 parameter</c>, <c>17 parameters</c>.</summary>
    private static string Parameters(int count) => count == 1 ? "1 parameter" : $"{count:N0} parameters";

    private static double[] Clamped(double[] gradient, double clip) => [.. gradient.Select(g => Math.Clamp(g, -clip, clip))];

    private static (string Name, int Length)[] Layout(IOptimizer optimizer) =>
        [.. (optimizer.State ?? throw CheckList.Fail("State is null")).Select(b => (b?.Name ?? "(null)", b?.Values?.Length ?? -1))];

    private static string Show((string Name, int Length)[] layout) =>
        layout.Length == 0 ? "no buffers" : string.Join(", ", layout.Select(b => $"{b.Name}[{b.Length}]"));

    private static string StateBuffers(Func<int, IOptimizer> create)
    {
        var described = "";
        foreach (var count in RunCounts)
        {
            var optimizer = create(count);
            var layout = Layout(optimizer);
            CheckList.Expect(layout.All(b => !string.IsNullOrWhiteSpace(b.Name) && b.Name != "(null)" && b.Length >= 0), () => $"a state buffer has no name or no values: {Show(layout)}");
            CheckList.Expect(layout.DistinctBy(b => b.Name, StringComparer.Ordinal).Count() == layout.Length, () => $"two state buffers share a name: {Show(layout)}");
            var network = new TestNetwork(count);
            var parameters = network.Values(count);
            for (var step = 1; step <= 12; step++)
            {
                HostStep(optimizer, parameters, network.Gradient(count, 2));
                var now = Layout(optimizer);
                CheckList.Expect(now.SequenceEqual(layout), () =>
                    $"for {Parameters(count)} the state was {Show(layout)} when created and {Show(now)} after step {step}: a checkpoint saves the buffers by name and length, and restores by writing into them");
            }

            described = Show(layout);
        }

        return described == "no buffers"
            ? "no state buffers (nothing to save), and none appear over 12 steps"
            : $"{described} for {Parameters(RunCounts[^1])}, unchanged in names and lengths over 12 steps";
    }
}
