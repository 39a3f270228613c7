using System.Text.Json.Nodes;
using RnnTui.Cli;

namespace RnnTui.Runs;

internal static partial class RunManifest
{
    /// <summary>
    /// The settings in force in the shape of plugins.json, with paths absolute, so that
    /// <see cref="SettingsLoader.LoadSaved"/> reads them back as they were.
    /// </summary>
    public static JsonObject SettingsToJson(AppSettings settings)
    {
        var plugins = new JsonObject();
        foreach (var (name, values) in settings.PluginSettings)
        {
            var entry = new JsonObject();
            foreach (var (key, value) in values)
            {
                entry[key] = value;
            }

            plugins[name] = entry;
        }

        var (model, training, check, runs) = (settings.Model, settings.Training, settings.GradientCheck, settings.Runs);
        return new JsonObject
        {
            ["Plugins"] = new JsonObject
            {
                ["Optimizer"] = settings.Plugins.Optimizer,
                ["Backend"] = settings.Plugins.Backend,
                ["Corpus"] = settings.Plugins.Corpus,
                ["Folders"] = new JsonArray([.. settings.Plugins.Folders.Select(f => (JsonNode?)f)]),
                ["Disabled"] = new JsonArray([.. settings.Plugins.Disabled.Select(d => (JsonNode?)d)]),
            },
            ["Settings"] = plugins,
            ["Model"] = new JsonObject
            {
                ["Hidden"] = model.Hidden,
                ["SeqLength"] = model.SeqLength,
                ["Sigma"] = model.Sigma,
                ["Seed"] = model.Seed,
            },
            ["Training"] = new JsonObject
            {
                ["Clip"] = training.Clip,
                ["Steps"] = training.Steps,
                ["Epochs"] = training.Epochs,
                ["ProgressInterval"] = training.ProgressInterval,
                ["SampleInterval"] = training.SampleInterval,
                ["SampleLength"] = training.SampleLength,
                ["FinalSampleLength"] = training.FinalSampleLength,
                ["Temperature"] = training.Temperature,
            },
            ["Runs"] = new JsonObject { ["Directory"] = Path.GetFullPath(runs.Directory) },
            ["Checkpoints"] = new JsonObject
            {
                ["EveryUpdates"] = runs.EveryUpdates,
                ["EveryMinutes"] = runs.EveryMinutes,
                ["BestEveryUpdates"] = runs.BestEveryUpdates,
                ["BestEverySeconds"] = runs.BestEverySeconds,
            },
            ["GradientCheck"] = new JsonObject
            {
                ["Hidden"] = check.Hidden,
                ["Step"] = check.Step,
                ["Threshold"] = check.Threshold,
                ["MaxElements"] = check.MaxElements,
            },
        };
    }
}
