using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RnnTui.Cli;

/// <summary>
/// Builds <see cref="AppSettings"/> with the generic host's configuration: plugins.json, then environment
/// variables prefixed <c>RNNTUI_</c>, then the command line. A bad value is a <see cref="UsageException"/> naming
/// the option or the key, and the value.
/// </summary>
internal sealed class SettingsLoader
{
    /// <summary>The settings file's name, looked for beside the rnntui executable.</summary>
    public const string FileName = "plugins.json";

    private readonly IConfiguration _configuration;
    private readonly string _configName;
    private readonly Dictionary<string, string> _optionForKey = new(StringComparer.OrdinalIgnoreCase);

    private SettingsLoader(IConfiguration configuration, string configName)
    {
        _configuration = configuration;
        _configName = configName;
    }

    /// <summary>The settings file used when no --config is given.</summary>
    public static string DefaultConfigPath => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>Loads the settings for a parsed command line.</summary>
    /// <exception cref="UsageException">The file is missing or malformed, or a value is out of range.</exception>
    public static AppSettings Load(CommandLine commandLine, HostApplicationBuilder? builder = null)
    {
        var configPath = commandLine.Get("config") ?? DefaultConfigPath;
        if (!File.Exists(configPath))
        {
            throw new UsageException($"settings file not found: {configPath}");
        }

        return Load(commandLine, configPath, null, builder);
    }

    /// <summary>
    /// Loads the settings a run saved (in the shape of plugins.json, its paths absolute), under the environment and
    /// the command line as usual, so that a resumed run or its report uses what the run used.
    /// </summary>
    /// <param name="commandLine">The parsed command line, whose options still override.</param>
    /// <param name="sourcePath">The file the settings came from, for messages.</param>
    /// <param name="settingsJson">The saved settings.</param>
    /// <exception cref="UsageException">The saved settings are malformed or a value is out of range.</exception>
    public static AppSettings LoadSaved(CommandLine commandLine, string sourcePath, string settingsJson) =>
        Load(commandLine, sourcePath, settingsJson, null);

    private static AppSettings Load(CommandLine commandLine, string configPath, string? settingsJson, HostApplicationBuilder? builder)
    {
        if (settingsJson is null)
        {
            try
            {
                settingsJson = File.ReadAllText(configPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read settings file {configPath}: {e.Message}");
            }
        }

        SettingsSchema.Check(settingsJson, Path.GetFileName(configPath));
        builder ??= Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        try
        {
            configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(settingsJson)));
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
        {
            throw new UsageException($"{Path.GetFileName(configPath)} is not valid JSON: {Describe(e)}");
        }

        configuration.AddEnvironmentVariables("RNNTUI_");
        var loader = new SettingsLoader(configuration, Path.GetFileName(configPath));

        // The optimizer's and corpus's own options (--eta, --corpus) go to the plugin selected in the end.
        var optimizer = commandLine.Get("optimizer") ?? loader.Text("Plugins:Optimizer");
        var corpus = loader.Text("Plugins:Corpus");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in commandLine.Options)
        {
            var key = Commands.FindOption(name)?.ConfigKey;
            if (key is null || (name == "hidden" && commandLine.Command == "gradcheck"))
            {
                continue;
            }

            key = key.Replace(Commands.OptimizerToken, optimizer, StringComparison.Ordinal).Replace(Commands.CorpusToken, corpus, StringComparison.Ordinal);
            overrides[key] = value;
            loader._optionForKey[key] = "--" + name;
        }

        if (commandLine.Command == "gradcheck" && commandLine.Get("hidden") is { } checkHidden)
        {
            overrides["GradientCheck:Hidden"] = checkHidden;
            loader._optionForKey["GradientCheck:Hidden"] = "--hidden";
        }

        // Asking for epochs on the command line lifts the file's step limit, and the other way round.
        if (commandLine.Has("epochs") && !commandLine.Has("steps"))
        {
            overrides["Training:Steps"] = "0";
        }
        else if (commandLine.Has("steps") && !commandLine.Has("epochs"))
        {
            overrides["Training:Epochs"] = "0";
        }

        configuration.AddInMemoryCollection(overrides);
        return loader.Build(configPath);
    }

    private AppSettings Build(string configPath)
    {
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var plugins = new PluginSelection(
            Text("Plugins:Optimizer"),
            Text("Plugins:Backend"),
            Text("Plugins:Corpus"),
            List("Plugins:Folders").Select(f => Path.GetFullPath(f, configDirectory)).ToList(),
            List("Plugins:Disabled").ToHashSet(StringComparer.OrdinalIgnoreCase));
        var model = new ModelSettings(
            (int)Integer("Model:Hidden", 1, 4096),
            (int)Integer("Model:SeqLength", 1, 100_000),
            Number("Model:Sigma", 0, 10, exclusiveMin: true),
            (ulong)Integer("Model:Seed", 0, long.MaxValue));
        var training = new TrainingSettings(
            Number("Training:Clip", 0, double.MaxValue, exclusiveMin: true),
            Integer("Training:Steps", 0, long.MaxValue),
            Integer("Training:Epochs", 0, long.MaxValue),
            (int)Integer("Training:ProgressInterval", 1, int.MaxValue),
            (int)Integer("Training:SampleInterval", 1, int.MaxValue),
            (int)Integer("Training:SampleLength", 1, 1_000_000),
            (int)Integer("Training:FinalSampleLength", 0, 1_000_000),
            Number("Training:Temperature", 0, 100, exclusiveMin: true));
        var gradientCheck = new GradientCheckSettings(
            (int)Integer("GradientCheck:Hidden", 1, 4096),
            Number("GradientCheck:Step", 0, 1, exclusiveMin: true),
            Number("GradientCheck:Threshold", 0, 1, exclusiveMin: true),
            (int)Integer("GradientCheck:MaxElements", 0, int.MaxValue));
        var runs = new RunSettings(
            Text("Runs:Directory"),
            Integer("Checkpoints:EveryUpdates", 1, long.MaxValue),
            Number("Checkpoints:EveryMinutes", 0, double.MaxValue, exclusiveMin: true),
            Integer("Checkpoints:BestEveryUpdates", 1, long.MaxValue),
            Number("Checkpoints:BestEverySeconds", 0, double.MaxValue, exclusiveMin: false));

        var pluginSettings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in _configuration.GetSection("Settings").GetChildren())
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var setting in plugin.GetChildren())
            {
                if (setting.Value is null)
                {
                    throw new UsageException($"{_configName}: Settings:{plugin.Key}:{setting.Key} must be a single value, not a section");
                }

                // A relative path in the settings file is relative to that file, not to the current folder.
                values[setting.Key] = setting.Key.Equals("path", StringComparison.OrdinalIgnoreCase) && setting.Value.Length > 0
                    ? Path.GetFullPath(setting.Value, configDirectory)
                    : setting.Value;
            }

            pluginSettings[plugin.Key] = values;
        }

        return new AppSettings(Path.GetFullPath(configPath), plugins, model, training, gradientCheck, runs, pluginSettings);
    }

    private string Text(string key)
    {
        var value = _configuration[key];
        return string.IsNullOrWhiteSpace(value) ? throw Missing(key) : value.Trim();
    }

    private IEnumerable<string> List(string key) =>
        _configuration.GetSection(key).GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!);

    private long Integer(string key, long min, long max)
    {
        var text = _configuration[key] ?? throw Missing(key);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad(key, text, "a whole number");
        }

        return value >= min && value <= max
            ? value
            : throw Bad(key, text, max == long.MaxValue || max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}");
    }

    private double Number(string key, double min, double max, bool exclusiveMin)
    {
        var text = _configuration[key] ?? throw Missing(key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Bad(key, text, "a number");
        }

        var aboveMin = exclusiveMin ? value > min : value >= min;
        if (aboveMin && value <= max)
        {
            return value;
        }

        var lower = exclusiveMin ? $"> {min.ToString(CultureInfo.InvariantCulture)}" : $">= {min.ToString(CultureInfo.InvariantCulture)}";
        return max == double.MaxValue
            ? throw Bad(key, text, $"a number {lower}")
            : throw Bad(key, text, $"a number {lower} and <= {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private UsageException Missing(string key) => new($"{_configName}: {key} is not set");

    private UsageException Bad(string key, string text, string expected) =>
        _optionForKey.TryGetValue(key, out var option)
            ? new UsageException($"{option} must be {expected}, was '{text}'")
            : new UsageException($"{_configName}: {key} must be {expected}, was '{text}'");

    private static string Describe(Exception e)
    {
        var message = e.InnerException is JsonException json
            ? $"{json.Message}"
            : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
