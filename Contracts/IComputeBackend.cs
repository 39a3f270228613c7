namespace RnnTui.Contracts;

/// <summary>
/// A way of computing the RNN's math (plain managed code, SIMD, ...). Implementations are discovered in the
/// plugin folders and need a public parameterless constructor and a <see cref="PluginAttribute"/>.
/// </summary>
public interface IComputeBackend : IPlugin
{
    /// <summary>Whether the backend can run on this machine (e.g. the vector instructions it needs exist).</summary>
    bool IsSupported { get; }

    /// <summary>
    /// The floating-point type the kernels compute in, as benchmarks label it: <c>f64</c> (the default), or e.g.
    /// <c>f32</c> for a backend that rounds the host's float64 parameters to float32 for speed.
    /// </summary>
    string ElementType => "f64";

    /// <summary>Creates a kernel for a shape, with workspaces for sequences of up to <paramref name="maxSequenceLength"/>.</summary>
    IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength);
}
