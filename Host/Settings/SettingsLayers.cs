using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RnnTui.Settings;

/// <summary>
/// The layers settings are read from, later ones winning: a settings file (<c>plugins.json</c> beside rnntui,
/// <c>--config FILE</c>, or the settings a run saved in its <c>run.json</c>), then environment variables prefixed
/// <c>RNNTUI_</c>, then the command line's options. The file is checked for shape when it is read.
/// </summary>
internal sealed class SettingsLayers
{
    /// <summary>The settings file's name, looked for beside the rnntui executable.</summary>
    public const string FileName = "plugins.json";

    private readonly Dictionary<string, string> _overrides;
    private readonly Dictionary<string, string> _options;

    private SettingsLayers(string path, string json, Dictionary<string, string> overrides, Dictionary<string, string> options)
    {
        Path = path;
        Json = json;
        _overrides = overrides;
        _options = options;
    }

    /// <summary>The settings file used when no --config is given.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>The file the base layer came from.</summary>
    public string Path { get; }

    /// <summary>The base layer's JSON text.</summary>
    public string Json { get; }

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
        return new SettingsLayers(System.IO.Path.GetFullPath(path), json, new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The same layers with the base replaced by other settings (a run's), the command line kept.</summary>
    public SettingsLayers WithBase(SettingsLayers other) => new(other.Path, other.Json, _overrides, _options);

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
            new(SettingOrigin.Environment, "environment", current),
            new(SettingOrigin.CommandLine, "command line", current),
        ];
        return new SettingsSources(root, sources, _options);
    }
}
