using System.Globalization;
using System.Text.Json;
using RnnTui.Contracts;

namespace RnnTui.Settings;

/// <summary>
/// Checks the shape of a settings file before its values are read: valid JSON (the line and column of the first
/// error named), the sections and keys of <see cref="SettingsDefinitions"/> only, and each value of the kind its key
/// takes, and the same of each preset under <c>Presets:NAME</c>. Plugin settings under <c>Settings:NAME</c> need single values here; each plugin's keys are checked
/// against what the plugin defines when the plugins are known.
/// </summary>
internal static class SettingsFile
{
    /// <summary>Checks the file's text.</summary>
    /// <exception cref="UsageException">The first problem found, naming the file, and the key or the line and column.</exception>
    public static void Check(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new UsageException($"{fileName} is not valid JSON{where}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            CheckSections(document.RootElement, fileName, presets: true);
        }
    }

    /// <summary>Checks the sections of a settings object: the file's, or one preset's (which holds no presets).</summary>
    private static void CheckSections(JsonElement root, string fileName, bool presets)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{fileName} must hold a JSON object, not {Describe(root.ValueKind)}");
        }

        foreach (var section in root.EnumerateObject())
        {
            if (section.Name.Equals(SettingsDefinitions.PluginSection, StringComparison.OrdinalIgnoreCase))
            {
                CheckPluginSettings(section.Value, fileName);
                continue;
            }

            if (presets && section.Name.Equals(SettingsDefinitions.PresetSection, StringComparison.OrdinalIgnoreCase))
            {
                ExpectObject(section.Value, fileName, SettingsDefinitions.PresetSection);
                foreach (var preset in section.Value.EnumerateObject())
                {
                    CheckSections(preset.Value, $"{fileName}: preset {preset.Name}", presets: false);
                }

                continue;
            }

            if (SettingsDefinitions.Section(section.Name) is not { } known)
            {
                var names = SettingsDefinitions.Sections.Select(s => s.Name).Append(SettingsDefinitions.PluginSection);
                names = presets ? names.Append(SettingsDefinitions.PresetSection) : names;
                throw new UsageException($"{fileName}: unknown section '{section.Name}' (known: {string.Join(", ", names)})");
            }

            ExpectObject(section.Value, fileName, section.Name);
            foreach (var entry in section.Value.EnumerateObject())
            {
                var key = $"{section.Name}:{entry.Name}";
                if (SettingsDefinitions.Find(key) is not { } setting)
                {
                    throw new UsageException($"{fileName}: unknown key '{key}' (known in {known.Name}: {string.Join(", ", known.Settings.Select(s => s.Property.Name))})");
                }

                Expect(entry.Value, setting, fileName, key);
            }
        }
    }

    private static void CheckPluginSettings(JsonElement settings, string fileName)
    {
        ExpectObject(settings, fileName, SettingsDefinitions.PluginSection);
        foreach (var plugin in settings.EnumerateObject())
        {
            ExpectObject(plugin.Value, fileName, $"{SettingsDefinitions.PluginSection}:{plugin.Name}");
            foreach (var entry in plugin.Value.EnumerateObject())
            {
                if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw new UsageException($"{fileName}: {SettingsDefinitions.PluginSection}:{plugin.Name}:{entry.Name} must be a single value, not {Describe(entry.Value.ValueKind)}");
                }
            }
        }
    }

    private static void ExpectObject(JsonElement value, string fileName, string key)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{fileName}: {key} must be an object, was {Describe(value.ValueKind)}");
        }
    }

    private static void Expect(JsonElement value, HostSetting setting, string fileName, string key)
    {
        var kind = setting.Definition.Kind;
        var (ok, expected) = setting.IsList
            ? (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String), "a list of strings")
            : kind is SettingKind.Number or SettingKind.Integer
                ? (value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _)), "a number")
                : kind == SettingKind.Boolean
                    ? (value.ValueKind is JsonValueKind.True or JsonValueKind.False || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out _)), "true or false")
                    : (value.ValueKind == JsonValueKind.String, "a string");
        if (!ok)
        {
            throw new UsageException($"{fileName}: {key} must be {expected}, was {Describe(value.ValueKind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var cut = line.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? line[..cut] : line).Trim();
    }
}
