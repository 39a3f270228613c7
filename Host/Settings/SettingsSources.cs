using Microsoft.Extensions.Configuration;

namespace RnnTui.Settings;

/// <summary>
/// The built configuration with what each of its layers is, so that a value can be traced to its source: messages
/// name the file and key, the environment variable or the option, and relative paths start from the right folder.
/// </summary>
internal sealed class SettingsSources(IConfigurationRoot root, IReadOnlyList<SettingSource> sources, IReadOnlyDictionary<string, string> options, string? preset = null)
{
    /// <summary>The preset chosen (<c>--preset NAME</c>), or null.</summary>
    public string? Preset => preset;

    public IConfiguration Configuration => root;

    /// <summary>A key's value from the layer that wins, or null.</summary>
    public string? this[string key] => root[key];

    /// <summary>The layer a key's value comes from, or null when no layer sets it.</summary>
    public SettingSource? SourceOf(string key)
    {
        for (var i = root.Providers.Count() - 1; i >= 0; i--)
        {
            if (root.Providers.ElementAt(i).TryGet(key, out _))
            {
                return sources[i];
            }
        }

        return null;
    }

    /// <summary>How a message names a key: by its source (<c>plugins.json: Model:Hidden</c>, <c>--hidden</c>...).</summary>
    public string Describe(string key) =>
        SourceOf(key) is { } source ? source.Describe(key, options.GetValueOrDefault(key)) : key;

    /// <summary>Where a key's value comes from: the file's name, the environment variable, the option, or <c>default</c>.</summary>
    public string Where(string key) => SourceOf(key) switch
    {
        null => "default",
        { Origin: SettingOrigin.File or SettingOrigin.Preset } file => file.Name,
        var source => source.Describe(key, options.GetValueOrDefault(key)),
    };

    /// <summary>The folder a relative path under this key starts from.</summary>
    public string BaseDirectoryOf(string key) => SourceOf(key)?.BaseDirectory ?? Directory.GetCurrentDirectory();

    /// <summary>The keys directly under a key, e.g. the plugins under <c>Settings</c>.</summary>
    public IReadOnlyList<IConfigurationSection> Children(string key) => [.. root.GetSection(key).GetChildren()];

    /// <summary>
    /// Refuses an environment variable that names no setting (<c>RNNTUI_Model__Hiddn</c>), as the settings file
    /// refuses an unknown key. Keys under <c>Settings</c> belong to plugins and are checked with them.
    /// </summary>
    /// <exception cref="UsageException">The first unknown variable, with the keys its section knows.</exception>
    public static void CheckEnvironment()
    {
        var names = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith(SettingSource.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var parts = name[SettingSource.EnvironmentPrefix.Length..].Split("__");
            if (parts[0].Equals(SettingsDefinitions.PluginSection, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (SettingsDefinitions.Section(parts[0]) is not { } section)
            {
                var known = string.Join(", ", SettingsDefinitions.Sections.Select(s => s.Name).Append(SettingsDefinitions.PluginSection));
                throw new UsageException($"environment variable {name}: unknown section '{parts[0]}' (known: {known})");
            }

            if (parts.Length < 2 || SettingsDefinitions.Find($"{section.Name}:{parts[1]}") is not { } setting || (parts.Length > 2 && !setting.IsList))
            {
                var key = string.Join(":", parts.Skip(1));
                throw new UsageException($"environment variable {name}: unknown setting '{section.Name}:{key}' " +
                    $"(known in {section.Name}: {string.Join(", ", section.Settings.Select(s => s.Property.Name))})");
            }
        }
    }
}
