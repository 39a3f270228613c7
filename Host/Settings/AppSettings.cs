using Microsoft.Extensions.Options;
using RnnTui.Contracts;

namespace RnnTui.Settings;

/// <summary>
/// Every setting in force: the host's sections, bound from the settings file, the environment and the command line,
/// and each plugin's own settings, checked against what the plugin defines.
/// </summary>
internal sealed record AppSettings
{
    /// <summary>The settings file read (or the run.json whose settings a resumed run uses).</summary>
    public required string ConfigPath { get; init; }

    /// <summary>The preset the settings were taken from (<c>--preset NAME</c>), or null.</summary>
    public string? Preset { get; init; }

    public required PluginSelection Plugins { get; init; }

    public required ModelSettings Model { get; init; }

    public required TrainingSettings Training { get; init; }

    public required LearningRateSettings LearningRate { get; init; }

    public required GradientCheckSettings GradientCheck { get; init; }

    public required RunsSettings Runs { get; init; }

    public required CheckpointSettings Checkpoints { get; init; }

    public required LogSettings Log { get; init; }

    /// <summary>Every plugin's own settings as invariant text, by plugin name and key (case-insensitive).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> PluginValues { get; init; }

    /// <summary>The host's sections, in the order the settings file lists them.</summary>
    public IReadOnlyList<object> Sections => [Plugins, Model, Training, LearningRate, GradientCheck, Runs, Checkpoints, Log];

    /// <summary>The settings of one plugin, by its name (a fresh object, so unread keys can be reported per use).</summary>
    public PluginSettings For(string pluginName) =>
        new(PluginValues.TryGetValue(pluginName, out var values) ? values : new Dictionary<string, string>());

    /// <summary>The host's sections as the options system bound and validated them, with the plugins' settings.</summary>
    public static AppSettings From(IServiceProvider services, string configPath, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> pluginValues) => new()
    {
        ConfigPath = configPath,
        Preset = ((SettingsSources?)services.GetService(typeof(SettingsSources)))?.Preset,
        Plugins = Value<PluginSelection>(services),
        Model = Value<ModelSettings>(services),
        Training = Value<TrainingSettings>(services),
        LearningRate = Value<LearningRateSettings>(services),
        GradientCheck = Value<GradientCheckSettings>(services),
        Runs = Value<RunsSettings>(services),
        Checkpoints = Value<CheckpointSettings>(services),
        Log = Value<LogSettings>(services),
        PluginValues = pluginValues,
    };

    private static T Value<T>(IServiceProvider services)
        where T : class => ((IOptions<T>)services.GetService(typeof(IOptions<T>))!).Value;
}
