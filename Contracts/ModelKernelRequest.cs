namespace RnnTui.Contracts;

/// <summary>What the host asks a model's kernel for (<see cref="IRecurrentModel.CreateKernel"/>). Added in 1.5.</summary>
/// <param name="BackendName">The compute backend's plugin name, e.g. <c>simd</c> or <c>managed</c>.</param>
/// <param name="Backend">The compute backend, whose own kernels the vanilla RNN uses.</param>
/// <param name="MaxSequenceLength">The longest sequence the kernel must accept.</param>
/// <param name="MaxBatchSize">The most sequences one batched call passes: 1 when the host trains without batches.</param>
/// <param name="BackendSettings">The backend's settings (e.g. its precision).</param>
/// <param name="ModelSettings">The model's settings (e.g. its dropout).</param>
public sealed record ModelKernelRequest(
    string BackendName,
    IComputeBackend Backend,
    int MaxSequenceLength,
    int MaxBatchSize,
    PluginSettings BackendSettings,
    PluginSettings ModelSettings)
{
    /// <summary>
    /// Whether the kernel trains: false for a kernel that only checks gradients (the gradient check compares
    /// <see cref="IRnnKernel.ForwardBackward"/> with differences of <see cref="IRnnKernel.Step"/>, so such a kernel never
    /// drops out, whatever the model's settings). True unless set.
    /// </summary>
    public bool Training { get; init; } = true;
}
