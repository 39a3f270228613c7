using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui bench</c>: trains a fixed workload on each installed backend (or the one named with --backend) and
/// prints updates/s, characters/s, microseconds and bytes allocated per update, as a table or as JSON.
/// </summary>
internal static class BenchCommand
{
    public const long DefaultUpdates = 5000;
    public const long DefaultWarmup = 500;

    public static Command Create(CommandContext context)
    {
        var warmup = new CommandOption(SettingDefinition.Integer("warmup", DefaultWarmup, "untimed updates before timing") with { Minimum = 0, ValueName = "N" });
        var json = CommandOption.Flag("json", "print the results as a JSON array");
        return HostedCommand.Create(
            "bench",
            "time the training loop of every backend (default 5,000 updates)",
            context,
            OptionScope.Bench,
            [warmup.Symbol, json.Symbol],
            run => Run(
                run.Services,
                context.Console,
                run.Settings.IsGiven(run.Parse, "Training:Steps"),
                run.Settings.IsGiven(run.Parse, "Plugins:Backend"),
                run.Settings.GivenPluginOptions(run.Parse),
                warmup.Integer(run.Parse, DefaultWarmup),
                json.IsSet(run.Parse)));
    }

    /// <summary>
    /// A backend's variants: one run per value of each setting it offers as a choice on the command line (simd's
    /// precision), unless the command line chose one.
    /// </summary>
    private static IEnumerable<AppSettings> Variants(Plugin<IComputeBackend> backend, AppSettings settings, IReadOnlySet<string> optionsGiven)
    {
        IEnumerable<AppSettings> variants = [settings];
        foreach (var choice in backend.Settings.Where(d => d.Choices is not null && d.Option is not null && !optionsGiven.Contains(d.Option)))
        {
            variants = variants.SelectMany(v => choice.Choices!.Select(value => v with { PluginValues = With(v.PluginValues, backend.Name, choice.Name, value) }));
        }

        return variants;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> With(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> all, string plugin, string key, string value)
    {
        var copy = all.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(copy.GetValueOrDefault(plugin) ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase) { [key] = value };
        copy[plugin] = values;
        return copy;
    }

    private static int Run(IServiceProvider services, CommandConsole console, bool stepsGiven, bool backendGiven, IReadOnlySet<string> optionsGiven, long warmup, bool json)
    {
        var settings = services.GetRequiredService<AppSettings>();
        var catalog = services.GetRequiredService<PluginCatalog>();
        var updates = stepsGiven ? settings.Training.Steps : DefaultUpdates;
        if (updates < 1)
        {
            throw new UsageException("--steps must be at least 1 for a benchmark");
        }

        var backends = backendGiven
            ? [catalog.Get<IComputeBackend>(settings.Plugins.Backend)]
            : catalog.All<IComputeBackend>().Where(PluginFactory.IsSupported).ToList();
        var corpus = CorpusData.Load(settings, catalog);
        var flops = Benchmark.FlopsPerUpdate(new RnnShape(corpus.Vocabulary.Count, settings.Model.Hidden), settings.Model.SeqLength);
        double? peak = null;
        if (!json)
        {
            console.Out.WriteLine($"workload: m = {settings.Model.Hidden}, seq_length = {settings.Model.SeqLength}, K = {corpus.Vocabulary.Count} ({corpus.Origin}), optimizer {settings.Plugins.Optimizer}");
            console.Out.WriteLine($"{Format.Count(updates)} timed updates after {Format.Count(warmup)} warm-up updates; one update is {flops / 1e6:0.000} MFLOP");
            (peak, var bits) = Benchmark.MeasurePeakGigaflops(TimeSpan.FromSeconds(1));
            console.Out.WriteLine($"one core's float64 FMA peak ({bits}-bit): {peak:0.0} GFLOP/s (float32: twice that)");
            console.Out.WriteLine();
            console.Out.WriteLine($"{"backend",-10}{"dtype",-7}{"batch",6}{"updates/s",12}{"chars/s",12}{"us/update",11}{"bytes/update",14}{"GFLOP/s",9}{"of peak",9}");
        }

        var results = new List<BenchmarkResult>();
        foreach (var (backend, variant) in backends.SelectMany(b => Variants(b, settings, optionsGiven).Select(v => (b, v))))
        {
            var result = Benchmark.Run(variant, catalog, backend, warmup, updates);
            results.Add(result);
            if (!json)
            {
                // float32 vectors hold twice the lanes: an f32 row is measured against twice the float64 peak.
                var rowPeak = peak * (result.ElementType == "f32" ? 2 : 1);
                var share = rowPeak > 0 ? (result.GigaflopsPerSecond / rowPeak.Value).ToString("P1", CultureInfo.InvariantCulture) : "-";
                console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.Backend,-10}{result.ElementType,-7}{1,6}{result.UpdatesPerSecond,12:N0}{result.CharsPerSecond,12:N0}{result.MicrosecondsPerUpdate,11:0.0}{result.BytesAllocatedPerUpdate,14:N0}{result.GigaflopsPerSecond,9:0.00}{share,9}"));
            }
        }

        if (!json)
        {
            console.Out.WriteLine();
            console.Out.WriteLine("where one update's time goes, in microseconds:");
            console.Out.WriteLine($"{"backend",-10}{"dtype",-7}{"forward",10}{"backward",10}{"clip+optimizer+rest",21}{"sampling 200 chars",20}");
            foreach (var r in results)
            {
                var b = r.Breakdown;
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Backend,-10}{r.ElementType,-7}{b.Forward,10:0.0}{b.Backward,10:0.0}{b.Rest,21:0.0}{b.Sample200,20:0.0}"));
            }
        }
        else
        {
            var rows = results.Select(r => new
            {
                backend = r.Backend,
                dtype = r.ElementType,
                batch = 1,
                updatesPerSecond = r.UpdatesPerSecond,
                charsPerSecond = r.CharsPerSecond,
                microsecondsPerUpdate = r.MicrosecondsPerUpdate,
                bytesAllocatedPerUpdate = r.BytesAllocatedPerUpdate,
            });
            console.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        }

        return RnnTuiApp.Ok;
    }
}
