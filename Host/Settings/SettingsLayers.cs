using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace RnnTui.Settings;

/// <summary>
/// The layers settings are read from, later ones winning: a settings file (<c>plugins.json</c> beside rnntui,
/// <c>--config FILE</c>, or the settings a run saved in its <c>run.json</c>), then the preset chosen with
/// <c>--preset NAME</c> from the settings file's <c>Presets</c> section, then environment variables prefixed
/// <c>RNNTUI_</c>, then the command line's options. The file is checked for shape when it is read.
/// </summary>
internal sealed class SettingsLayers
{
    /// <summary>The settings file's name, looked for beside the rnntui executable.</summary>
    public const string FileName = "plugins.json";

    private readonly Dictionary<string, string> _overrides;
    private readonly Dictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, string> _presets;
    private string? _preset;
    private string? _runPreset;

    private SettingsLayers(string path, string json, Dictionary<string, string> overrides, Dictionary<string, string> options, IReadOnlyDictionary<string, string> presets, string? preset)
    {
        Path = path;
        Json = json;
        _overrides = overrides;
        _options = options;
        _presets = presets;
        _preset = preset;
    }

    /// <summary>The settings file used when no --config is given.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>The file the base layer came from.</summary>
    public string Path { get; }

    /// <summary>The base layer's JSON text.</summary>
    public string Json { get; }

    /// <summary>The presets of the settings file by name (case-insensitive), each as the JSON text of its settings.</summary>
    public IReadOnlyDictionary<string, string> Presets => _presets;

    /// <summary>The preset chosen, or null.</summary>
    public string? Preset => _preset;

    /// <summary>The command line's values by key, e.g. <c>Model:Hidden</c> = <c>50</c>.</summary>
    public IReadOnlyDictionary<string, string> Overrides => _overrides;

    /// <summary>Reads and checks a settings file.</summary>
    /// <exception cref="UsageException">The file is missing, unreadable, not JSON, or of the wrong shape.</exception>
    public static SettingsLayers FromFile(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new UsageException($"settings file not found: {path}");
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read settings file {path}: {e.Message}");
        }

        return FromText(path, json);
    }

    /// <summary>Settings given as text (a run's saved settings), named after <paramref name="path"/> in messages.</summary>
    /// <exception cref="UsageException">The text is not JSON or of the wrong shape.</exception>
    public static SettingsLayers FromText(string path, string json)
    {
        SettingsFile.Check(json, System.IO.Path.GetFileName(path));
        var (settings, presets) = SplitPresets(json);
        return new SettingsLayers(System.IO.Path.GetFullPath(path), settings, new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase), presets, null);
    }

    /// <summary>
    /// The same layers with the base replaced by other settings (a run's), the command line, the presets of the
    /// settings file and the preset chosen kept.
    /// </summary>
    public SettingsLayers WithBase(SettingsLayers other) => new(other.Path, other.Json, _overrides, _options, _presets, _preset);

    /// <summary>Chooses a preset of the settings file as the layer between the file and the environment.</summary>
    /// <exception cref="UsageException">The settings file has no preset of that name.</exception>
    public void UsePreset(string name)
    {
        if (!_presets.ContainsKey(name))
        {
            var available = _presets.Count == 0 ? $"{System.IO.Path.GetFileName(Path)} defines none" : $"available: {string.Join(", ", _presets.Keys)}";
            throw new UsageException($"unknown preset '{name}' ({available})");
        }

        _preset = _presets.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Names the preset a run was started with, whose values are already in the run's saved settings (the base): it is
    /// shown and recorded as the preset in force, and adds no layer. A preset chosen on the command line wins.
    /// </summary>
    public void NameRunPreset(string? name) => _runPreset = name;

    /// <summary>Adds a command-line value for a key, remembering the option that gave it for messages.</summary>
    public void Override(string key, string value, string option)
    {
        _overrides[key] = value;
        _options[key] = option;
    }

    /// <summary>Builds the configuration of the three layers.</summary>
    /// <exception cref="UsageException">The file is not JSON the configuration system accepts (e.g. a duplicate key).</exception>
    public SettingsSources Build()
    {
        var builder = new ConfigurationBuilder();
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var name = System.IO.Path.GetFileName(Path);
        builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json)));
        builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(_preset is null ? "{}" : _presets[_preset])));
        builder.AddEnvironmentVariables(SettingSource.EnvironmentPrefix);
        builder.AddInMemoryCollection(_overrides.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
        {
            var message = (e.InnerException is JsonException json ? json.Message : e.Message).ReplaceLineEndings(" ");
            throw new UsageException($"{name} is not valid JSON: {message}");
        }

        var current = Directory.GetCurrentDirectory();
        SettingSource[] sources =
        [
            new(SettingOrigin.File, name, directory),
            new(SettingOrigin.Preset, $"preset {_preset}", directory),
            new(SettingOrigin.Environment, "environment", current),
            new(SettingOrigin.CommandLine, "command line", current),
        ];
        return new SettingsSources(root, sources, _options, _preset ?? _runPreset);
    }

    /// <summary>The settings file's text without its presets, and the presets' texts by name.</summary>
    private static (string Settings, IReadOnlyDictionary<string, string> Presets) SplitPresets(string json)
    {
        var presets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json, documentOptions: options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return (json, presets);  // Build names the problem (a duplicate key, say) as it does for any file
        }

        if (parsed is not JsonObject root
            || root.FirstOrDefault(p => p.Key.Equals(SettingsDefinitions.PresetSection, StringComparison.OrdinalIgnoreCase)) is not { Value: JsonObject section } found)
        {
            return (json, presets);
        }

        foreach (var (name, preset) in section)
        {
            presets[name] = preset!.ToJsonString();
        }

        root.Remove(found.Key);
        return (root.ToJsonString(), presets);
    }
}
