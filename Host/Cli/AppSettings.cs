using RnnTui.Contracts;

namespace RnnTui.Cli;

/// <summary>Which plugins to use, where else to look for them, and which to leave out.</summary>
internal sealed record PluginSelection(string Optimizer, string Backend, string Corpus, IReadOnlyList<string> Folders, IReadOnlySet<string> Disabled);

/// <summary>The network's size and initialisation.</summary>
internal sealed record ModelSettings(int Hidden, int SeqLength, double Sigma, ulong Seed);

/// <summary>How training runs and reports.</summary>
internal sealed record TrainingSettings(
    double Clip,
    long Steps,
    long Epochs,
    int ProgressInterval,
    int SampleInterval,
    int SampleLength,
    int FinalSampleLength,
    double Temperature);

/// <summary>The gradient check's network size, difference step and pass threshold.</summary>
internal sealed record GradientCheckSettings(int Hidden, double Step, double Threshold, int MaxElements);

/// <summary>Every setting in force, from plugins.json, the environment and the command line.</summary>
internal sealed class AppSettings
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _pluginSettings;

    public AppSettings(
        string configPath,
        PluginSelection plugins,
        ModelSettings model,
        TrainingSettings training,
        GradientCheckSettings gradientCheck,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> pluginSettings)
    {
        ConfigPath = configPath;
        Plugins = plugins;
        Model = model;
        Training = training;
        GradientCheck = gradientCheck;
        _pluginSettings = pluginSettings;
    }

    /// <summary>The settings file read.</summary>
    public string ConfigPath { get; }

    public PluginSelection Plugins { get; }

    public ModelSettings Model { get; }

    public TrainingSettings Training { get; }

    public GradientCheckSettings GradientCheck { get; }

    /// <summary>The settings of one plugin, by its name (a fresh object, so unread keys can be reported per use).</summary>
    public PluginSettings For(string pluginName) =>
        new(_pluginSettings.TryGetValue(pluginName, out var values) ? values : new Dictionary<string, string>());

    /// <summary>A copy with other model or training settings, for commands that adjust them.</summary>
    public AppSettings With(ModelSettings? model = null, TrainingSettings? training = null, PluginSelection? plugins = null) =>
        new(ConfigPath, plugins ?? Plugins, model ?? Model, training ?? Training, GradientCheck, _pluginSettings);
}
