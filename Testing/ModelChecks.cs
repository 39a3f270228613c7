using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// What the host relies on from a model: it reads its settings when it makes a shape and a kernel; its shapes are
/// what was asked and the same every time; it has a kernel for the <c>managed</c> backend and answers any other name
/// with a kernel or null; and its kernels compute the model (ModelChecks.Numeric.cs) and keep the rules of a kernel
/// (ModelChecks.Calls.cs).
/// </summary>
internal static partial class ModelChecks
{
    /// <summary>The backend every model must have a kernel for.</summary>
    public const string Managed = "managed";

    /// <summary>The backend whose kernels are held to the managed ones, with each of its precisions.</summary>
    public const string Simd = "simd";

    /// <summary>The longest sequence every kernel is created for; the host's default sequence length.</summary>
    private const int MaxSequence = 25;

    /// <summary>The relative tolerance of the checks that compare a kernel's outputs in float64.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>The seed given to <see cref="IDropoutKernel.BeginUpdate"/>.</summary>
    private const ulong UpdateSeed = 20241;

    /// <summary>Sequence lengths: one character, two, and a whole default sequence.</summary>
    private static readonly int[] Lengths = [1, 2, MaxSequence];

    /// <summary>K x m: a vocabulary of two, and a few small networks of odd sizes.</summary>
    private static readonly (int K, int M)[] Shapes = [(2, 3), (5, 4), (9, 2)];

    public static ConformanceReport Run(IRecurrentModel model, PluginSettings? given, IComputeBackend backend, IComputeBackend simd)
    {
        var checks = new CheckList();
        PluginIdentity.Check(checks, model);
        var values = SettingsChecks.Effective(PluginIdentity.Settings(model), given);
        var backendValues = SettingsChecks.Effective(PluginIdentity.Settings(backend), null);
        var simdValues = SettingsChecks.Effective(PluginIdentity.Settings(simd), null);
        var context = new Context(model, backend, values, backendValues, simd, simdValues);

        SettingsChecks.Check(checks, PluginIdentity.Settings(model), values, "CreateShape and CreateKernel", settings =>
        {
            var shape = model.CreateShape(3, 2, settings);
            using var kernel = model.CreateKernel(shape, context.Request(Managed, 2, settings));
        });

        checks.Run("shape", () => ShapeCheck(context));
        checks.Run("kernel", () => KernelCheck(context));
        checks.Run("gradient check", () => GradientCheck(context));
        checks.Run("loss and step", () => LossAndStep(context));
        checks.Run("resume identity", () => ResumeIdentity(context));
        checks.Run("agreement", () => Agreement(context));
        checks.Run("argument checks", () => ArgumentChecks(context));
        checks.Run("no allocation per call", () => Allocation(context));
        return checks.Report("model", PluginIdentity.NameOf(model));
    }

    /// <summary>Shapes for a few K and m: the sizes asked for, contiguous segments, a state, and the same shape twice.</summary>
    private static string ShapeCheck(Context context)
    {
        var described = new List<string>();
        foreach (var (k, m) in Shapes.Append((17, 8)))
        {
            var shape = context.Shape(k, m);
            var where = $"CreateShape({k}, {m})";
            CheckList.Expect(shape.VocabularySize == k && shape.HiddenSize == m, () => $"{where} made K = {shape.VocabularySize}, m = {shape.HiddenSize}");
            CheckList.Expect(shape.StateSize >= 1, () => $"{where} made a state of {shape.StateSize} elements");
            var offset = 0;
            foreach (var segment in shape.Segments)
            {
                CheckList.Expect(segment.Offset == offset && segment.Length > 0, () => $"{where}: segment {segment.Name} starts at {segment.Offset} with {segment.Length} elements, where {offset} and at least one were expected");
                offset = segment.End;
            }

            CheckList.Expect(offset == shape.ParameterCount, () => $"{where}: the segments end at {offset}, the shape has {shape.ParameterCount} parameters");
            var again = context.Shape(k, m);
            CheckList.Expect(again == shape, () => $"{where} twice made two shapes: {shape} and {again}");
            described.Add($"{k} x {m}: {shape.ParameterCount} parameters in {shape.Segments.Count} segments, state {shape.StateSize}");
        }

        return $"the sizes asked, contiguous segments, the same shape twice ({string.Join("; ", described)})";
    }

    /// <summary>A kernel for <c>managed</c> of the shape and length asked; a kernel or null, never an exception, for a backend it does not know.</summary>
    private static string KernelCheck(Context context)
    {
        var shape = context.Shape(5, 4);
        using (var kernel = context.Kernel(shape, Managed, 7))
        {
            CheckList.Expect(kernel.Shape == shape, () => $"the kernel's Shape is {kernel.Shape}, not the shape it was made for, {shape}");
            CheckList.Expect(kernel.MaxSequenceLength == 7, () => $"the kernel's MaxSequenceLength is {kernel.MaxSequenceLength}, not the 7 asked for");
        }

        IRnnKernel? other;
        try
        {
            other = context.Model.CreateKernel(shape, context.Request("nonesuch", 7));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw CheckList.Fail($"CreateKernel for a backend named 'nonesuch' threw {CheckList.Describe(e)}: return null for a backend the model has no kernel for, so that rnntui can say so");
        }

        var answer = other is null ? "null" : "a kernel";
        other?.Dispose();
        return $"a kernel for {Managed} of the shape and MaxSequenceLength asked; {answer} for a backend named 'nonesuch'";
    }

    /// <summary>The settings, backend and model the checks make shapes and kernels with.</summary>
    private sealed class Context(
        IRecurrentModel model,
        IComputeBackend backend,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> backendValues,
        IComputeBackend simd,
        IReadOnlyDictionary<string, string> simdValues)
    {
        public IRecurrentModel Model => model;

        public string Settings => SettingsChecks.Describe(values);

        public RnnShape Shape(int k, int m) => Shape(k, m, values);

        public RnnShape Shape(int k, int m, IReadOnlyDictionary<string, string> with) =>
            model.CreateShape(k, m, SettingsChecks.Settings(with)) ?? throw CheckList.Fail($"CreateShape({k}, {m}) returned null");

        /// <summary>
        /// A request for a backend by name: <see cref="Simd"/> is rnntui's simd backend, in the precision given; any other
        /// name goes with the reference backend's instance and settings (a name the model does not know is refused by name).
        /// </summary>
        public ModelKernelRequest Request(string backendName, int maxSequenceLength, PluginSettings? settings = null, string? precision = null, int maxBatchSize = 1) =>
            backendName == Simd
                ? new(backendName, simd, maxSequenceLength, maxBatchSize, SettingsChecks.Settings(simdValues, ("precision", precision ?? "f64")), settings ?? SettingsChecks.Settings(values))
                : new(backendName, backend, maxSequenceLength, maxBatchSize, SettingsChecks.Settings(backendValues), settings ?? SettingsChecks.Settings(values));

        /// <summary>The model's kernel for a backend, or null when it has none.</summary>
        public IRnnKernel? KernelOrNull(RnnShape shape, string backendName, int maxSequenceLength = MaxSequence, IReadOnlyDictionary<string, string>? with = null, string? precision = null, int maxBatchSize = 1) =>
            model.CreateKernel(shape, Request(backendName, maxSequenceLength, SettingsChecks.Settings(with ?? values), precision, maxBatchSize));

        /// <summary>The model's kernel for a backend, failing the check when it has none.</summary>
        public IRnnKernel Kernel(RnnShape shape, string backendName = Managed, int maxSequenceLength = MaxSequence, IReadOnlyDictionary<string, string>? with = null, string? precision = null, int maxBatchSize = 1) =>
            KernelOrNull(shape, backendName, maxSequenceLength, with, precision, maxBatchSize)
            ?? throw CheckList.Fail($"CreateKernel returned null for the backend {backendName}: a model must have a kernel for {Managed}, the backend every rnntui has");

        /// <summary>Whether the kernel is the reference backend's own, handed out by a model that uses the backend's kernels.</summary>
        public bool IsReferenceKernel(IRnnKernel kernel) =>
            kernel.GetType().Assembly == backend.GetType().Assembly && PluginIdentity.NameOf(backend) == Managed;

        /// <summary>
        /// The settings with every one that does not change the shape of K x m put back to its default: the settings a
        /// kernel whose ForwardBackward computes the plain model (no dropout) is made with.
        /// </summary>
        public IReadOnlyDictionary<string, string> PlainValues(int k, int m)
        {
            var shape = Shape(k, m);
            var plain = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            foreach (var definition in PluginIdentity.Settings(model))
            {
                if (!plain.TryGetValue(definition.Name, out var value) || value == definition.DefaultValue)
                {
                    continue;
                }

                var trial = new Dictionary<string, string>(plain, StringComparer.OrdinalIgnoreCase);
                if (definition.DefaultValue is { } fallback)
                {
                    trial[definition.Name] = fallback;
                }
                else
                {
                    trial.Remove(definition.Name);
                }

                try
                {
                    if (Shape(k, m, trial) == shape)
                    {
                        plain = trial;
                    }
                }
                catch (PluginInputException)
                {
                    // The default does not go with the other settings: keep the value given.
                }
            }

            return plain;
        }
    }
}
