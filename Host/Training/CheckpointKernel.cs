using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>A kernel for the network a checkpoint holds: its model with the settings it recorded, on the settings' backend.</summary>
internal static class CheckpointKernel
{
    /// <summary>Makes the checkpoint's model again and a kernel for it, for sequences of the checkpoint's length.</summary>
    /// <exception cref="UsageException">The model or the backend is not installed, or the backend cannot compute the model.</exception>
    /// <exception cref="CheckpointException">The model made again does not have the checkpoint's layout.</exception>
    public static IRnnKernel Create(PluginCatalog catalog, AppSettings settings, Checkpoint checkpoint)
    {
        var backend = catalog.Get<IComputeBackend>(settings.Plugins.Backend);
        var recorded = checkpoint.Model;
        var model = catalog.Get<IRecurrentModel>(recorded.Name);
        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(settings.PluginValues, StringComparer.OrdinalIgnoreCase)
        {
            [model.Name] = recorded.Settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase),
        };
        var asRecorded = settings with { PluginValues = values };
        var shape = PluginFactory.CreateShape(model, checkpoint.VocabularySize, checkpoint.HiddenSize, asRecorded);
        if (shape.ParameterCount != checkpoint.Parameters.Length || shape.StateSize != checkpoint.Hidden.Length)
        {
            throw new CheckpointException(
                $"model {model.Name} with {recorded.SettingsText} makes {shape.ParameterCount} parameters and a state of {shape.StateSize}; the checkpoint has {checkpoint.Parameters.Length} and {checkpoint.Hidden.Length}");
        }

        return PluginFactory.CreateKernel(model, backend, shape, checkpoint.SeqLength, asRecorded);
    }
}
