using System.Text.Json;

namespace RnnTui.Cli;

/// <summary>
/// Checks the shape of a settings file before its values are read: valid JSON (the line and column of the first
/// error named), known sections and keys only, and each value of the kind its key takes. Plugin settings under
/// <c>Settings:NAME</c> are free-form here; each plugin reports the keys it does not know when it reads them.
/// </summary>
internal static class SettingsSchema
{
    private enum Kind
    {
        Text,
        Number,
        TextList,
        Object,
    }

    private static readonly Dictionary<string, Dictionary<string, Kind>> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Plugins"] = Keys(("Optimizer", Kind.Text), ("Backend", Kind.Text), ("Corpus", Kind.Text), ("Folders", Kind.TextList), ("Disabled", Kind.TextList)),
        ["Model"] = Keys(("Hidden", Kind.Number), ("SeqLength", Kind.Number), ("Sigma", Kind.Number), ("Seed", Kind.Number)),
        ["Training"] = Keys(
            ("Clip", Kind.Number), ("Steps", Kind.Number), ("Epochs", Kind.Number), ("ProgressInterval", Kind.Number), ("SampleInterval", Kind.Number),
            ("SampleLength", Kind.Number), ("FinalSampleLength", Kind.Number), ("Temperature", Kind.Number)),
        ["GradientCheck"] = Keys(("Hidden", Kind.Number), ("Step", Kind.Number), ("Threshold", Kind.Number), ("MaxElements", Kind.Number)),
        ["Runs"] = Keys(("Directory", Kind.Text)),
        ["Checkpoints"] = Keys(("EveryUpdates", Kind.Number), ("EveryMinutes", Kind.Number), ("BestEveryUpdates", Kind.Number), ("BestEverySeconds", Kind.Number)),
    };

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
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"{fileName} must hold a JSON object, not {Describe(root.ValueKind)}");
            }

            foreach (var section in root.EnumerateObject())
            {
                if (section.Name.Equals("Settings", StringComparison.OrdinalIgnoreCase))
                {
                    CheckPluginSettings(section.Value, fileName);
                    continue;
                }

                if (!Sections.TryGetValue(section.Name, out var keys))
                {
                    throw new UsageException($"{fileName}: unknown section '{section.Name}' (known: {string.Join(", ", Sections.Keys.Append("Settings"))})");
                }

                Expect(section.Value, Kind.Object, fileName, section.Name);
                foreach (var entry in section.Value.EnumerateObject())
                {
                    var key = $"{section.Name}:{entry.Name}";
                    if (!keys.TryGetValue(entry.Name, out var kind))
                    {
                        throw new UsageException($"{fileName}: unknown key '{key}' (known in {section.Name}: {string.Join(", ", keys.Keys)})");
                    }

                    Expect(entry.Value, kind, fileName, key);
                }
            }
        }
    }

    private static void CheckPluginSettings(JsonElement settings, string fileName)
    {
        Expect(settings, Kind.Object, fileName, "Settings");
        foreach (var plugin in settings.EnumerateObject())
        {
            Expect(plugin.Value, Kind.Object, fileName, $"Settings:{plugin.Name}");
            foreach (var entry in plugin.Value.EnumerateObject())
            {
                if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw new UsageException($"{fileName}: Settings:{plugin.Name}:{entry.Name} must be a single value, not {Describe(entry.Value.ValueKind)}");
                }
            }
        }
    }

    private static void Expect(JsonElement value, Kind kind, string fileName, string key)
    {
        var ok = kind switch
        {
            Kind.Text => value.ValueKind == JsonValueKind.String,
            Kind.Number => value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)),
            Kind.TextList => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
            _ => value.ValueKind == JsonValueKind.Object,
        };
        if (!ok)
        {
            var expected = kind switch
            {
                Kind.Text => "a string",
                Kind.Number => "a number",
                Kind.TextList => "a list of strings",
                _ => "an object",
            };
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

    private static Dictionary<string, Kind> Keys(params (string Name, Kind Kind)[] keys) =>
        keys.ToDictionary(k => k.Name, k => k.Kind, StringComparer.OrdinalIgnoreCase);
}
