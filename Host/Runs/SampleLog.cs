using System.Text.Json;
using RnnTui.Training;

namespace RnnTui.Runs;

/// <summary>
/// <c>samples.jsonl</c>: one JSON object per sample (<c>step</c>, <c>smoothLoss</c>, <c>origin</c>, <c>temperature</c>,
/// <c>topK</c>, <c>topP</c>, <c>prime</c>, <c>text</c>),
/// appended and flushed as drawn, so a killed run keeps every sample so far.
/// </summary>
internal sealed class SampleLog : IDisposable
{
    private readonly StreamWriter _writer;

    private SampleLog(StreamWriter writer) => _writer = writer;

    public static SampleLog Open(string path) =>
        new(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" });

    /// <summary>Appends a sample; safe from any thread (interval samples come from the training thread, on-demand ones from the UI).</summary>
    public void Write(TrainingSample sample)
    {
        var line = ToJson(sample);
        lock (_writer)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    /// <summary>One sample as one line of JSON (the smooth loss null before the first update).</summary>
    public static string ToJson(TrainingSample sample)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps quotes and non-ASCII letters readable; control characters are still escaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("step", sample.Step);
            if (double.IsFinite(sample.SmoothLoss))
            {
                json.WriteNumber("smoothLoss", sample.SmoothLoss);
            }
            else
            {
                json.WriteNull("smoothLoss");
            }

            json.WriteString("origin", sample.Origin);
            if (sample.Options is { } options)
            {
                json.WriteNumber("temperature", options.Temperature);
                json.WriteNumber("topK", options.TopK);
                json.WriteNumber("topP", options.TopP);
            }

            json.WriteString("prime", sample.Prime);
            if (sample.From is { } from)
            {
                json.WriteString("from", from.Key());
            }

            json.WriteString("text", sample.Text);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads every sample of a log; a line that is not a sample (cut by a crash) is skipped.</summary>
    public static IReadOnlyList<TrainingSample> Read(string path)
    {
        var samples = new List<TrainingSample>();
        if (!File.Exists(path))
        {
            return samples;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (Parse(line) is { } sample)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    /// <summary>One line of the log, or null when it is not a whole sample.</summary>
    public static TrainingSample? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var smooth = root.GetProperty("smoothLoss");
            var options = root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number
                ? new SamplingOptions(
                    temperature.GetDouble(),
                    root.TryGetProperty("topK", out var topK) && topK.ValueKind == JsonValueKind.Number ? topK.GetInt32() : 0,
                    root.TryGetProperty("topP", out var topP) && topP.ValueKind == JsonValueKind.Number ? topP.GetDouble() : 1.0)
                : null;
            return new TrainingSample(
                root.GetProperty("step").GetInt64(),
                smooth.ValueKind == JsonValueKind.Number ? smooth.GetDouble() : double.NaN,
                root.GetProperty("text").GetString() ?? "",
                root.TryGetProperty("origin", out var origin) ? origin.GetString() ?? "" : "",
                options,
                root.TryGetProperty("prime", out var prime) ? prime.GetString() ?? "" : "",
                root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String ? SampleFromText.Parse(from.GetString()) : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }
}
