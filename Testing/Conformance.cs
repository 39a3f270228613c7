using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// Puts a plugin through what rnntui relies on, one check at a time, and reports a result per check. <c>rnntui plugins
/// check NAME</c> runs these on an installed plugin; a plugin's own tests call them directly:
/// <code>Conformance.CheckOptimizer(new MyOptimizerProvider()).ThrowIfFailed();</code>
/// Whatever the plugin throws fails the check it was thrown in and no other; nothing is thrown to the caller.
/// </summary>
public static class Conformance
{
    /// <summary>
    /// Checks an optimizer: it is discoverable; it reads each setting it defines when created, leaves an undefined key
    /// unread and refuses a bad value with <see cref="PluginInputException"/>; its state buffers keep their names and
    /// lengths; a fresh optimizer given a copy of its state continues bit for bit; as an
    /// <see cref="IClippingOptimizer"/>, a step out of place gives the bits of one in place and clamps as it reads; with
    /// the defaults, zero gradients move nothing; a learning rate it exposes is used; a short training run lowers the loss.
    /// </summary>
    /// <param name="provider">The plugin.</param>
    /// <param name="settings">Its settings, as rnntui would pass them; each setting missing here gets its default.</param>
    /// <returns>The report; <see cref="ConformanceReport.ThrowIfFailed"/> turns a failure into an exception for tests.</returns>
    public static ConformanceReport CheckOptimizer(IOptimizerProvider provider, PluginSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return OptimizerChecks.Run(provider, settings);
    }

    /// <summary>
    /// Checks a compute backend: it is discoverable and supported; <c>CreateKernel(shape, maxSequenceLength,
    /// settings)</c> reads each setting it defines, leaves an undefined key unread and refuses a bad value; its kernels'
    /// element type is one the checks know (<c>f64</c>, <c>f32</c>); for <c>f64</c>, its gradients pass the centred
    /// differences check at m = 5 for K = 2 to 17 and sequences of 1, 2 and 25 characters; its loss, gradients, final
    /// hidden state and <c>Loss</c> and <c>Step</c> outputs agree with the reference within its element type's precision
    /// on shapes with every vector remainder; its <c>Loss</c> and <c>Step</c> agree with its <c>ForwardBackward</c>; its
    /// <c>ForwardBackward</c> allocates nothing once warm. When <c>CreateKernel(shape, maxSequenceLength, maxBatchSize,
    /// settings)</c> gives an <see cref="IBatchedRnnKernel"/>, it takes the batches it was created for; its summed loss
    /// and gradient and every final hidden state agree with one <c>ForwardBackward</c> per sequence within its element
    /// type's precision; for <c>f64</c>, its summed gradient passes the centred differences check; it refuses bad
    /// batches with an <see cref="ArgumentException"/>; and it allocates nothing once warm. Without batched kernels,
    /// those checks are skipped.
    /// </summary>
    /// <param name="backend">The plugin.</param>
    /// <param name="settings">Its settings, as rnntui would pass them; each setting missing here gets its default.</param>
    /// <param name="reference">
    /// The backend to agree with, at its default settings; null for rnntui's <c>managed</c> backend, which this package
    /// carries.
    /// </param>
    /// <returns>The report; <see cref="ConformanceReport.ThrowIfFailed"/> turns a failure into an exception for tests.</returns>
    public static ConformanceReport CheckBackend(IComputeBackend backend, PluginSettings? settings = null, IComputeBackend? reference = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return BackendChecks.Run(backend, settings, reference ?? new RnnTui.Backends.Managed.ManagedBackend());
    }

    /// <summary>
    /// Checks a corpus: it is discoverable; it reads; an already cancelled token ends <c>Read</c> with
    /// <see cref="OperationCanceledException"/>; and nothing but <see cref="PluginInputException"/> and
    /// <see cref="OperationCanceledException"/> leaves <c>Read</c>. A corpus that defines a
    /// <see cref="SettingKind.Path"/> setting is given files of its own (a text, a missing file, a folder, an empty file,
    /// bytes that are not text), each bad one to be refused with <see cref="PluginInputException"/>; one that also
    /// defines an integer setting <c>maxBytes</c> is given a file over a small limit, to be refused the same way.
    /// </summary>
    /// <param name="corpus">The plugin.</param>
    /// <param name="settings">Its settings, as rnntui would pass them; each setting missing here gets its default.</param>
    /// <returns>The report; <see cref="ConformanceReport.ThrowIfFailed"/> turns a failure into an exception for tests.</returns>
    public static ConformanceReport CheckCorpus(ICorpusSource corpus, PluginSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return CorpusChecks.Run(corpus, settings);
    }

    /// <summary>
    /// Checks a model: it is discoverable; <c>CreateShape</c> and <c>CreateKernel</c> read each setting it defines,
    /// leave an undefined key unread and refuse a bad value with <see cref="PluginInputException"/>; its shapes have the
    /// K and m asked for, contiguous segments and a state, and are the same when made twice; it has a kernel for the
    /// <c>managed</c> backend, of the shape and length asked, and answers another backend's name with a kernel or null;
    /// its gradients pass the centred differences check (every derivative, parameters from N(0, 0.3^2), a random start
    /// state, a floor for the loss's rounding) on several shapes and sequences of 1, 2 and 25 characters; <c>Loss</c>
    /// gives <c>ForwardBackward</c>'s loss and state, <c>Step</c>'s scores give <c>Loss</c>'s loss, and a carried state
    /// gives what one call over the joined sequence gives, within a relative 1e-9; kernels made alike and given the same
    /// seed (<see cref="IDropoutKernel.BeginUpdate"/>) and arguments give the same bits; a kernel for <c>simd</c>, when the
    /// model has one, agrees with the managed one within a relative 1e-9; bad arguments are refused with an
    /// <see cref="ArgumentException"/>; and <c>ForwardBackward</c> allocates nothing once warm.
    /// </summary>
    /// <param name="model">The plugin.</param>
    /// <param name="settings">Its settings, as rnntui would pass them; each setting missing here gets its default.</param>
    /// <param name="backend">
    /// The backend passed in the kernel requests (<see cref="ModelKernelRequest.Backend"/>), at its default settings, for
    /// every backend name asked; null for rnntui's <c>managed</c> backend, which this package carries.
    /// </param>
    /// <returns>The report; <see cref="ConformanceReport.ThrowIfFailed"/> turns a failure into an exception for tests.</returns>
    public static ConformanceReport CheckModel(IRecurrentModel model, PluginSettings? settings = null, IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelChecks.Run(model, settings, backend ?? new RnnTui.Backends.Managed.ManagedBackend(), new RnnTui.Backends.Simd.SimdBackend());
    }
}
