using System.Text.Json;
using System.Text.Json.Nodes;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// <c>run.json</c>: the run's name, when it started, the plugins (names and versions) and the corpus it used, its
/// resumes, and every setting in force in the shape of plugins.json, so that a resume or a report uses the same.
/// </summary>
internal static partial class RunManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the manifest of a new run.</summary>
    public static void Create(RunFolder folder, RunDescription run, DateTimeOffset started)
    {
        var manifest = new JsonObject
        {
            ["name"] = folder.Name,
            ["started"] = started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["rnntui"] = typeof(RunManifest).Assembly.GetName().Version?.ToString(3),
            ["corpus"] = new JsonObject
            {
                ["origin"] = run.Corpus.Origin,
                ["characters"] = run.Corpus.Text.Length,
                ["K"] = run.Shape.VocabularySize,
            },
            ["plugins"] = new JsonObject
            {
                ["optimizer"] = Plugin(run.Optimizer.Name, run.Optimizer.Version, run.OptimizerSettings),
                ["backend"] = Plugin(run.Backend.Name, run.Backend.Version, null),
                ["corpus"] = Plugin(run.Corpus.Plugin.Name, run.Corpus.Plugin.Version, null),
                ["model"] = Plugin(run.Model.Name, run.Model.Version, run.ModelRecord.SettingsText),
            },
            ["resumes"] = new JsonArray(),
            ["settings"] = SettingsToJson(run.Settings),
        };
        if (run.Settings.Preset is { } preset)
        {
            manifest["preset"] = preset;
        }

        Write(folder, manifest);
    }

    /// <summary>
    /// Records a resume: from which step, on which backend, when; and the limit the run now trains to (its steps,
    /// epochs and the length of a cosine schedule, which a resume may change), so that the next resume uses it too.
    /// </summary>
    public static void AddResume(RunFolder folder, long step, string backend, DateTimeOffset at, AppSettings inForce)
    {
        var manifest = Load(folder);
        if (manifest["settings"] is JsonObject settings)
        {
            if (settings["Training"] is JsonObject training)
            {
                training["Steps"] = inForce.Training.Steps;
                training["Epochs"] = inForce.Training.Epochs;
            }

            if (settings["LearningRate"] is JsonObject rate)
            {
                rate["CosineUpdates"] = inForce.LearningRate.CosineUpdates;
            }
        }

        if (manifest["resumes"] is not JsonArray resumes)
        {
            manifest["resumes"] = resumes = [];
        }

        resumes.Add(new JsonObject
        {
            ["at"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["step"] = step,
            ["backend"] = backend,
        });
        Write(folder, manifest);
    }

    /// <summary>The settings the run saved, as JSON text in the shape of plugins.json.</summary>
    /// <exception cref="UsageException">The manifest is missing or malformed.</exception>
    public static string SettingsJson(RunFolder folder) =>
        Load(folder)["settings"] is JsonObject settings
            ? settings.ToJsonString()
            : throw new UsageException($"{folder.ManifestPath} has no settings");

    /// <summary>One string property of the manifest, or null.</summary>
    public static string? Text(RunFolder folder, params string[] path) => Text(Load(folder), path);

    /// <summary>
    /// Reads the manifest once for looking up several properties (<see cref="Text(JsonNode?, string[])"/>); null when
    /// the run has none.
    /// </summary>
    /// <exception cref="UsageException">The manifest is malformed.</exception>
    public static JsonObject? Read(RunFolder folder) => File.Exists(folder.ManifestPath) ? Load(folder) : null;

    /// <summary>One string property of a manifest read with <see cref="Read"/>, or null (also when there is no manifest).</summary>
    public static string? Text(JsonNode? manifest, params string[] path)
    {
        var node = manifest;
        foreach (var name in path)
        {
            node = node?[name];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
    }

    private static JsonObject Load(RunFolder folder)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(folder.ManifestPath)) as JsonObject
                ?? throw new UsageException($"{folder.ManifestPath} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{folder.ManifestPath} is not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {folder.ManifestPath}: {e.Message}");
        }
    }

    private static void Write(RunFolder folder, JsonObject manifest) =>
        AtomicFile.Write(folder.ManifestPath, System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(Indented) + "\n"));

    private static JsonObject Plugin(string name, string version, string? settings)
    {
        var plugin = new JsonObject { ["name"] = name, ["version"] = version };
        if (settings is not null)
        {
            plugin["settings"] = settings;
        }

        return plugin;
    }
}
