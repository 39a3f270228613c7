using RnnTui.Contracts;

namespace RnnTui.Optimizers.Adam;

/// <summary>Adam's hyperparameters; <see cref="AdamOptimizer"/> checks their ranges.</summary>
/// <param name="Eta">The learning rate (the paper's alpha), &gt; 0.</param>
/// <param name="Beta1">The decay of the first moment's running mean, in [0, 1).</param>
/// <param name="Beta2">The decay of the second moment's running mean, in [0, 1).</param>
/// <param name="Epsilon">Added to the square root of the bias-corrected second moment, &gt; 0.</param>
/// <param name="WeightDecay">Decoupled weight decay lambda (AdamW), &gt;= 0; 0 is plain Adam.</param>
public sealed record AdamOptions(double Eta = 0.0015, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8, double WeightDecay = 0.0)
{
    /// <summary>Reads the options from plugin settings, every one at once (a value that is not a number is refused here).</summary>
    public static AdamOptions From(PluginSettings settings)
    {
        var defaults = new AdamOptions();
        return new AdamOptions(
            settings.GetDouble("eta", defaults.Eta),
            settings.GetDouble("beta1", defaults.Beta1),
            settings.GetDouble("beta2", defaults.Beta2),
            settings.GetDouble("epsilon", defaults.Epsilon),
            settings.GetDouble("weightDecay", defaults.WeightDecay));
    }
}
