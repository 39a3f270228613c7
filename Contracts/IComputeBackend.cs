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
    /// The floating-point type the kernels compute in with the default settings, as listings label it: <c>f64</c>
    /// (the default), or e.g. <c>f32</c> for a backend that rounds the host's float64 parameters to float32 for speed.
    /// A kernel says what it computes in itself (<see cref="IRnnKernel.ElementType"/>).
    /// </summary>
    string ElementType => "f64";

    /// <summary>Creates a kernel for a shape, with workspaces for sequences of up to <paramref name="maxSequenceLength"/>.</summary>
    IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength);

    /// <summary>
    /// Creates a kernel with the backend's settings (those it defines in <see cref="IPlugin.Settings"/>, e.g. a
    /// precision or a thread count), so that a variant of a backend is a setting rather than a second plugin. The
    /// host calls this one; a backend without settings need not implement it.
    /// </summary>
    /// <param name="shape">The network's shape.</param>
    /// <param name="maxSequenceLength">The longest sequence the kernel must accept.</param>
    /// <param name="settings">The backend's settings.</param>
    /// <exception cref="PluginInputException">A setting is out of range; the message names it and its value.</exception>
    IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, PluginSettings settings) => CreateKernel(shape, maxSequenceLength);

    /// <summary>
    /// Creates a kernel for mini-batched training: one that implements <see cref="IBatchedRnnKernel"/> with workspaces
    /// for batches of up to <paramref name="maxBatchSize"/> sequences, when the backend has batched kernels. The host
    /// calls this one when it trains with a batch of two or more; a backend without batched kernels need not implement
    /// it (the default returns its ordinary kernel, which the host then calls once per sequence). Added in 1.3.
    /// </summary>
    /// <param name="shape">The network's shape.</param>
    /// <param name="maxSequenceLength">The longest sequence the kernel must accept.</param>
    /// <param name="maxBatchSize">The most sequences one batched call will pass.</param>
    /// <param name="settings">The backend's settings.</param>
    /// <exception cref="PluginInputException">A setting is out of range; the message names it and its value.</exception>
    IRnnKernel CreateKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize, PluginSettings settings) => CreateKernel(shape, maxSequenceLength, settings);
}
