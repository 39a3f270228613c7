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

/// <summary>Where runs are kept and how often a run saves its checkpoints.</summary>
/// <param name="Directory">The folder that holds one folder per run (relative to the current folder).</param>
/// <param name="EveryUpdates">Save the latest checkpoint every N updates.</param>
/// <param name="EveryMinutes">...and at least every M minutes.</param>
/// <param name="BestEveryUpdates">Save a new lowest smooth loss at most once per N updates...</param>
/// <param name="BestEverySeconds">...and at most once per S seconds (always at the end).</param>
internal sealed record RunSettings(string Directory, long EveryUpdates, double EveryMinutes, long BestEveryUpdates, double BestEverySeconds);

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
        RunSettings runs,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> pluginSettings)
    {
        ConfigPath = configPath;
        Plugins = plugins;
        Model = model;
        Training = training;
        GradientCheck = gradientCheck;
        Runs = runs;
        _pluginSettings = pluginSettings;
    }

    /// <summary>The settings file read.</summary>
    public string ConfigPath { get; }

    public PluginSelection Plugins { get; }

    public ModelSettings Model { get; }

    public TrainingSettings Training { get; }

    public GradientCheckSettings GradientCheck { get; }

    public RunSettings Runs { get; }

    /// <summary>Every plugin's own settings as given, by plugin name, for saving with a run.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> PluginSettings => _pluginSettings;

    /// <summary>The settings of one plugin, by its name (a fresh object, so unread keys can be reported per use).</summary>
    public PluginSettings For(string pluginName) =>
        new(_pluginSettings.TryGetValue(pluginName, out var values) ? values : new Dictionary<string, string>());

    /// <summary>A copy with other model or training settings, for commands that adjust them.</summary>
    public AppSettings With(ModelSettings? model = null, TrainingSettings? training = null, PluginSelection? plugins = null) =>
        new(ConfigPath, plugins ?? Plugins, model ?? Model, training ?? Training, GradientCheck, Runs, _pluginSettings);
}
