namespace RnnTui.Contracts;

/// <summary>
/// Creates optimizers of one kind (AdaGrad, SGD, ...). Implementations are discovered in the plugin folders and
/// need a public parameterless constructor and a <see cref="PluginAttribute"/>.
/// </summary>
public interface IOptimizerProvider : IPlugin
{
    /// <summary>Creates an optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="settings">Its hyperparameters, e.g. <c>eta</c>.</param>
    /// <exception cref="PluginInputException">A setting is missing or out of range; the message names it and its value.</exception>
    IOptimizer Create(int parameterCount, PluginSettings settings);
}
