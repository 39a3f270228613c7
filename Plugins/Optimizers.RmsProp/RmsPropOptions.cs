using RnnTui.Contracts;

namespace RnnTui.Optimizers.RmsProp;

/// <summary>RMSProp's hyperparameters; <see cref="RmsPropOptimizer"/> checks their ranges.</summary>
/// <param name="Eta">The learning rate, &gt; 0.</param>
/// <param name="Rho">The decay of the running mean of squared gradients, in [0, 1).</param>
/// <param name="Epsilon">Added to the square root of the running mean, outside it, &gt; 0.</param>
/// <param name="Momentum">The momentum coefficient mu in [0, 1); 0 keeps no velocity.</param>
/// <param name="Centered">Whether to divide by an estimate of the gradient's standard deviation instead of its root mean square.</param>
public sealed record RmsPropOptions(double Eta = 0.0015, double Rho = 0.99, double Epsilon = 1e-8, double Momentum = 0.0, bool Centered = false)
{
    /// <summary>Reads the options from plugin settings, every one at once (a value of the wrong kind is refused here).</summary>
    public static RmsPropOptions From(PluginSettings settings)
    {
        var defaults = new RmsPropOptions();
        return new RmsPropOptions(
            settings.GetDouble("eta", defaults.Eta),
            settings.GetDouble("rho", defaults.Rho),
            settings.GetDouble("epsilon", defaults.Epsilon),
            settings.GetDouble("momentum", defaults.Momentum),
            settings.GetBoolean("centered", defaults.Centered));
    }
}
