using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// What the host relies on from a compute backend: it reads its settings when it creates a kernel, its kernels compute
/// the model (the gradient check, and agreement with the reference backend), <c>Loss</c> and <c>Step</c> compute what
/// <c>ForwardBackward</c> does, and an update allocates nothing once warm; and, when it has batched kernels, that they
/// compute what <c>ForwardBackward</c> does sequence by sequence (BackendChecks.Batched.cs).
/// </summary>
internal static partial class BackendChecks
{
    /// <summary>The longest sequence every kernel is created for; the host's default sequence length.</summary>
    private const int MaxSequence = 25;

    /// <summary>The largest relative error of an analytic derivative that the gradient checks pass.</summary>
    private const double GradientThreshold = 1e-5;

    /// <summary>Sequence lengths: one character, two, and a whole default sequence.</summary>
    private static readonly int[] Lengths = [1, 2, MaxSequence];

    public static ConformanceReport Run(IComputeBackend backend, PluginSettings? given, IComputeBackend reference)
    {
        var checks = new CheckList();
        PluginIdentity.Check(checks, backend);
        var values = SettingsChecks.Effective(PluginIdentity.Settings(backend), given);
        var referenceValues = SettingsChecks.Effective(PluginIdentity.Settings(reference), null);
        var referenceName = PluginIdentity.NameOf(reference);
        IRnnKernel Kernel(RnnShape shape) => backend.CreateKernel(shape, MaxSequence, SettingsChecks.Settings(values)) ?? throw CheckList.Fail("CreateKernel returned null");
        IRnnKernel Reference(RnnShape shape) => reference.CreateKernel(shape, MaxSequence, SettingsChecks.Settings(referenceValues));
        IRnnKernel BatchedKernel(RnnShape shape) => backend.CreateKernel(shape, MaxSequence, MaxBatch, SettingsChecks.Settings(values)) ?? throw CheckList.Fail("CreateKernel with a batch size returned null");

        var supported = false;
        checks.Run("supported", () =>
        {
            supported = backend.IsSupported;
            return supported ? "IsSupported is true on this machine" : throw CheckList.Skip("IsSupported is false on this machine, so nothing else can be checked here");
        });
        string[] numeric = ["gradient check", $"agreement with {referenceName}", "Loss and Step", "no allocation per update", .. BatchedChecks, ProductsCheck];
        if (!supported)
        {
            foreach (var name in new[] { "settings read", "unknown key", "bad values", "element type" }.Concat(numeric))
            {
                checks.Skipped(name, "the backend is not supported on this machine");
            }

            return checks.Report("backend", PluginIdentity.NameOf(backend));
        }

        SettingsChecks.Check(checks, PluginIdentity.Settings(backend), values, "CreateKernel(shape, maxSequenceLength, settings)", settings =>
        {
            using var kernel = backend.CreateKernel(new RnnShape(3, 2), 2, settings);
        });

        Precision? precision = null;
        checks.Run("element type", () =>
        {
            using var kernel = Kernel(new RnnShape(3, 2));
            var type = kernel.ElementType ?? "f64";
            precision = Precision.Of(type) ?? throw CheckList.Fail($"the kernels compute in '{type}', which the checks do not know (f64 or f32), so they cannot judge its precision");
            return $"the kernels compute in {type} (settings: {SettingsChecks.Describe(values)}), judged to {precision.Describe}";
        });

        if (precision is null)
        {
            foreach (var name in numeric)
            {
                checks.Skipped(name, "no element type to judge the kernels' precision by (see element type)");
            }

            return checks.Report("backend", PluginIdentity.NameOf(backend));
        }

        var isReference = ReferenceEquals(backend, reference) || backend.GetType() == reference.GetType();
        checks.Run("gradient check", () => GradientCheck(Kernel, precision, referenceName));
        checks.Run($"agreement with {referenceName}", () => Agreement(Kernel, Reference, precision));
        checks.Run("Loss and Step", () => Consistency(Kernel, precision));
        checks.Run("no allocation per update", () => Allocation(Kernel, isReference ? referenceName : null));
        Batched(checks, BatchedKernel, precision, referenceName, isReference);
        checks.Run(ProductsCheck, () => Products(backend));
        return checks.Report("backend", PluginIdentity.NameOf(backend));
    }

    /// <summary>At m = 5, every element of every parameter, for K = 2 to 17 and each sequence length.</summary>
    private static string GradientCheck(Func<RnnShape, IRnnKernel> create, Precision precision, string reference)
    {
        RequireFloat64(precision, $"the gradients are judged by agreement with {reference} instead");

        var worst = (Error: 0.0, Where: "");
        var elements = 0;
        for (var k = 2; k <= 17; k++)
        {
            var shape = new RnnShape(k, 5);
            using var kernel = create(shape);
            foreach (var n in Lengths)
            {
                var network = new TestNetwork((k * 100) + n);
                var parameters = network.Parameters(shape, 0.1);
                var (error, where) = new CentredDifferences(kernel).Worst(parameters, network.Characters(n, k), network.Characters(n, k), network.Hidden(5));
                elements += parameters.Length;
                if (error >= worst.Error)
                {
                    worst = (error, $"K = {k}, n = {n}, {where}");
                }
            }
        }

        CheckList.Expect(worst.Error <= GradientThreshold, () => $"max relative error {worst.Error:0.0e+0}, over the threshold {GradientThreshold:0e+0}, at {worst.Where}");
        return $"max relative error {worst.Error:0.0e+0} (threshold {GradientThreshold:0e+0}) over {elements:N0} derivatives at m = 5, K = 2 to 17, n = 1, 2 and 25";
    }

    /// <summary>Ends the running check as skipped when the kernels do not compute in float64, which centred differences need.</summary>
    /// <param name="precision">The kernels' precision.</param>
    /// <param name="instead">What judges the gradients instead, e.g. <c>the gradients are judged by agreement with managed instead</c>.</param>
    private static void RequireFloat64(Precision precision, string instead)
    {
        if (precision.ElementType != "f64")
        {
            throw CheckList.Skip(
                $"the kernels compute in {precision.ElementType}; centred differences need float64 (an {precision.ElementType} loss moves by less than its own rounding for h = 1e-4), "
                + $"so {instead}");
        }
    }
}
