using RnnTui.Contracts;

namespace RnnTui.Optimizers.AdaGrad;

/// <summary>AdaGrad's hyperparameters.</summary>
/// <param name="Eta">The learning rate, &gt; 0.</param>
/// <param name="Epsilon">Added to the sum of squares inside the square root, &gt; 0.</param>
public sealed record AdaGradOptions(double Eta = 0.1, double Epsilon = 1e-8)
{
    /// <summary>Reads the options from plugin settings, rejecting a value out of range.</summary>
    public static AdaGradOptions From(PluginSettings settings)
    {
        var defaults = new AdaGradOptions();
        return new AdaGradOptions(
            settings.GetPositiveDouble("eta", defaults.Eta),
            settings.GetPositiveDouble("epsilon", defaults.Epsilon));
    }
}
