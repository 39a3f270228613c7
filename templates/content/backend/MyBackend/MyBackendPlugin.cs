using RnnTui.Contracts;

namespace MyBackend;

/// <summary>
/// What rnntui discovers: a public class with a parameterless constructor and a [Plugin] attribute. Users select it
/// with --backend mybackend; its settings, if it defines any, reach <see cref="CreateKernel(RnnShape, int, PluginSettings)"/>.
/// </summary>
[Plugin("mybackend", "Plain float64 loops (a starting point: make MyBackendKernel fast)")]
public sealed class MyBackendPlugin : IComputeBackend
{
    /// <summary>Whether this machine can run the kernels (e.g. a CPU feature or a device is present).</summary>
    public bool IsSupported => true;

    /// <summary>A kernel with workspaces for sequences of up to <paramref name="maxSequenceLength"/> characters.</summary>
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength) => new MyBackendKernel(shape, maxSequenceLength);

    /// <summary>rnntui calls this one, with the backend's settings; this backend has none.</summary>
    public IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, PluginSettings settings) => CreateKernel(shape, maxSequenceLength);
}
