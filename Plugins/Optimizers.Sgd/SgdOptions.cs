using RnnTui.Contracts;

namespace RnnTui.Optimizers.Sgd;

/// <summary>Stochastic gradient descent's hyperparameters.</summary>
/// <param name="Eta">The learning rate, &gt; 0.</param>
/// <param name="Momentum">The momentum coefficient mu in [0, 1); 0 is plain SGD.</param>
/// <param name="Nesterov">Whether the momentum is Nesterov's (needs <paramref name="Momentum"/> &gt; 0).</param>
public sealed record SgdOptions(double Eta = 0.0005, double Momentum = 0.9, bool Nesterov = false)
{
    /// <summary>Reads the options from plugin settings, rejecting a value out of range.</summary>
    public static SgdOptions From(PluginSettings settings)
    {
        var defaults = new SgdOptions();
        var eta = settings.GetPositiveDouble("eta", defaults.Eta);
        var momentum = settings.GetDouble("momentum", defaults.Momentum);
        var nesterov = settings.GetBoolean("nesterov", defaults.Nesterov);
        return momentum is >= 0 and < 1
            ? new SgdOptions(eta, momentum, nesterov)
            : throw new PluginInputException($"momentum must be >= 0 and < 1, was {PluginSettings.Format(momentum)}");
    }
}
