using RnnTui.Contracts;

namespace MyOptimizer;

/// <summary>
/// What rnntui discovers: a public class with a parameterless constructor and a [Plugin] attribute. The name is what
/// users type after --optimizer and the key of this plugin's settings in plugins.json.
/// </summary>
[Plugin("myoptimizer", "SGD with momentum: v = mu v + g; theta -= eta v (a starting point: change the math in MyOptimizerStep)")]
public sealed class MyOptimizerProvider : IOptimizerProvider
{
    /// <summary>
    /// The settings this plugin reads. rnntui lists them in --help, checks their kinds and ranges before Create is
    /// called, and reports any key in the user's settings that no reader asked for. Option = "eta" shares the common
    /// --eta option with the other optimizers.
    /// </summary>
    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        SettingDefinition.Number("eta", MyOptimizerOptions.Default.Eta, "learning rate") with { Minimum = 0, MinimumIsExclusive = true, Option = "eta", ValueName = "X" },
        SettingDefinition.Number("momentum", MyOptimizerOptions.Default.Momentum, "momentum coefficient mu; 0 is plain SGD") with { Minimum = 0, Maximum = 1, MaximumIsExclusive = true },
    ];

    /// <summary>Reads every setting now (not later, during training) and creates the optimizer.</summary>
    public IOptimizer Create(int parameterCount, PluginSettings settings) =>
        new MyOptimizerStep(parameterCount, MyOptimizerOptions.From(settings));
}

/// <summary>The optimizer's hyperparameters.</summary>
/// <param name="Eta">The learning rate, &gt; 0.</param>
/// <param name="Momentum">The momentum coefficient, in [0, 1).</param>
public sealed record MyOptimizerOptions(double Eta, double Momentum)
{
    /// <summary>The defaults, which plugins.json and --help show.</summary>
    public static MyOptimizerOptions Default { get; } = new(0.01, 0.5);

    /// <summary>Reads the options; a bad value is a <see cref="PluginInputException"/> naming the setting.</summary>
    public static MyOptimizerOptions From(PluginSettings settings)
    {
        var momentum = settings.GetDouble("momentum", Default.Momentum);
        if (momentum is < 0 or >= 1)
        {
            throw new PluginInputException($"momentum must be in [0, 1), was {PluginSettings.Format(momentum)}");
        }

        return new MyOptimizerOptions(settings.GetPositiveDouble("eta", Default.Eta), momentum);
    }
}
