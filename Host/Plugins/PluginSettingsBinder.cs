using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// Binds each plugin's own settings (<c>Settings:NAME:KEY</c>) against the settings the plugin defines: a key it
/// does not define is unknown, a value is checked for its kind and range and named by its source when refused, a path
/// is made absolute, and every setting with a default gets a value. Plugins that define no settings, and settings of
/// plugins that are not installed, are passed on as written.
/// </summary>
internal static class PluginSettingsBinder
{
    /// <exception cref="UsageException">The first unknown key or bad value.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Bind(PluginCatalog catalog, SettingsReader reader)
    {
        var sources = reader.Sources;
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sources.Children(SettingsDefinitions.PluginSection))
        {
            var plugins = catalog.Plugins.Where(p => p.Name.Equals(section.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            var defined = plugins.SelectMany(p => p.Settings).ToList();
            var values = Values(result, section.Key);
            foreach (var entry in section.GetChildren())
            {
                var key = entry.Path;
                if (entry.Value is null)
                {
                    throw new UsageException($"{sources.Describe(key)} must be a single value, not a section");
                }

                if (defined.Count == 0)
                {
                    values[entry.Key] = entry.Value;
                    continue;
                }

                var definition = defined.FirstOrDefault(d => d.Name.Equals(entry.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new UsageException($"{sources.Describe(key)}: {plugins[0].Title} has no such setting (it has: {string.Join(", ", defined.Select(d => d.Name).Distinct())})");
                var value = SettingValue.Parse(definition, entry.Value)
                    ?? throw new UsageException(SettingValue.Refusal(sources.Describe(key), definition, entry.Value));
                values[definition.Name] = definition.Kind == SettingKind.Path ? reader.ResolvePath(key, (string)value)
                    : definition.Choices is not null ? (string)value
                    : entry.Value.Trim();
            }
        }

        foreach (var plugin in catalog.Plugins)
        {
            var values = Values(result, plugin.Name);
            foreach (var definition in plugin.Settings.Where(d => d.DefaultValue is not null && !values.ContainsKey(d.Name)))
            {
                // A plugin's default path is relative to the plugin's own folder.
                values[definition.Name] = definition.Kind == SettingKind.Path && definition.DefaultValue!.Length > 0
                    ? Path.GetFullPath(definition.DefaultValue, Path.GetDirectoryName(plugin.AssemblyPath)!)
                    : definition.DefaultValue!;
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Values(Dictionary<string, Dictionary<string, string>> all, string name)
    {
        if (!all.TryGetValue(name, out var values))
        {
            all[name] = values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        return values;
    }
}
