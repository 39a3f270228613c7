using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>The settings both gated models take, layers and dropout, defined and read in one place.</summary>
internal static class GatedSettings
{
    /// <summary>The most layers a network stacks.</summary>
    public const int MaxLayers = 8;

    /// <summary>The definitions the host checks values against and lists in help.</summary>
    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        SettingDefinition.Integer("layers", 1, "recurrent layers stacked") with
        {
            Minimum = 1,
            Maximum = MaxLayers,
            Option = "layers",
            ValueName = "N",
        },
        SettingDefinition.Number("dropout", 0, "share of each layer's outputs dropped in training (inverted dropout), between layers and before the output") with
        {
            Minimum = 0,
            Maximum = 1,
            MaximumIsExclusive = true,
            Option = "dropout",
            ValueName = "P",
        },
    ];

    /// <summary>The number of layers, 1 to <see cref="MaxLayers"/>.</summary>
    /// <exception cref="PluginInputException">It is out of range.</exception>
    public static int ReadLayers(PluginSettings settings) =>
        (int)settings.GetIntegerInRange("layers", 1, 1, MaxLayers);

    /// <summary>The dropout probability in [0, 1).</summary>
    /// <exception cref="PluginInputException">It is out of range.</exception>
    public static double ReadDropout(PluginSettings settings)
    {
        var dropout = settings.GetDoubleInRange("dropout", 0, 0, 1);
        if (dropout >= 1)
        {
            // The range reader includes its maximum; dropping every unit would leave nothing to scale back up.
            throw new PluginInputException($"dropout must be at least 0 and less than 1, was {PluginSettings.Format(dropout)}");
        }

        return dropout;
    }
}
