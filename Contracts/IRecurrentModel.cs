namespace RnnTui.Contracts;

/// <summary>
/// A recurrent network the host can train: the vanilla RNN (<c>rnn</c>, the default), a GRU, an LSTM, ... A model
/// says how its parameters are laid out and made (<see cref="CreateShape"/>), and provides the kernels that compute
/// it on a compute backend (<see cref="CreateKernel"/>). The trainer, optimizers, checkpoints, gradient check,
/// sampling and reports work through <see cref="RnnShape"/> and <see cref="IRnnKernel"/> alone, so they serve every
/// model. Implementations need a public parameterless constructor and a <see cref="PluginAttribute"/>. Added in 1.5.
/// </summary>
public interface IRecurrentModel : IPlugin
{
    /// <summary>
    /// The shape of the network for K characters and m hidden units per layer, with the model's settings (those it
    /// defines in <see cref="IPlugin.Settings"/>, e.g. a number of layers).
    /// </summary>
    /// <param name="vocabularySize">K, the number of distinct characters.</param>
    /// <param name="hiddenSize">m, the hidden units of each layer.</param>
    /// <param name="settings">The model's settings.</param>
    /// <exception cref="PluginInputException">A setting is out of range; the message names it and its value.</exception>
    RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings);

    /// <summary>
    /// A kernel computing the model on the backend <paramref name="request"/> names, for a shape
    /// <see cref="CreateShape"/> made; or null when the model has no kernel for that backend. With a
    /// <see cref="ModelKernelRequest.MaxBatchSize"/> of two or more, the kernel should implement
    /// <see cref="IBatchedRnnKernel"/> if it can (else the host calls it once per sequence). A kernel that drops units
    /// out in training implements <see cref="IDropoutKernel"/>.
    /// </summary>
    /// <param name="shape">The network's shape.</param>
    /// <param name="request">The backend, the sizes and both plugins' settings.</param>
    /// <exception cref="PluginInputException">A setting is out of range; the message names it and its value.</exception>
    IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request);
}
