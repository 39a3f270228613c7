using System.Globalization;
using System.Text.Json.Nodes;
using RnnTui.Settings;

namespace RnnTui.Runs;

internal static partial class RunManifest
{
    /// <summary>
    /// The settings in force in the shape of plugins.json, written from the settings definitions with paths absolute
    /// and every plugin setting (defaults included), so that a resume or a report reads them back as they were.
    /// </summary>
    public static JsonObject SettingsToJson(AppSettings settings)
    {
        var json = new JsonObject();
        foreach (var record in settings.Sections)
        {
            var info = SettingsDefinitions.Section(record.GetType());
            var section = new JsonObject();
            foreach (var setting in info.Settings)
            {
                section[setting.Property.Name] = ToJson(setting.Property.GetValue(record));
            }

            json[info.Name] = section;
        }

        var plugins = new JsonObject();
        foreach (var (name, values) in settings.PluginValues.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject();
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                entry[key] = value;
            }

            plugins[name] = entry;
        }

        json[SettingsDefinitions.PluginSection] = plugins;
        return json;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IReadOnlyList<string> list => new JsonArray([.. list.Select(v => (JsonNode?)v)]),
        string text => text,
        bool flag => flag,
        double number => number,
        IConvertible integer => JsonValue.Create(Convert.ToDecimal(integer, CultureInfo.InvariantCulture)),
        _ => value.ToString(),
    };
}
