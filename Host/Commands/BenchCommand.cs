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
/// <c>rnntui bench</c>: trains a fixed workload of each model (or the one named with --model) on each installed backend
/// (or the one named with --backend) that has a kernel for it, at batch 1, 8 and 32 (or the one given with --batch; batches on the threads of --threads, by default every core), and prints
/// updates/s, characters/s (the headline for batches), microseconds and bytes allocated per update, GFLOP/s and their
/// share of the measured FMA peak of the cores used, as a table or as JSON.
/// </summary>
internal static class BenchCommand
{
    public const long DefaultUpdates = 5000;
    public const long DefaultWarmup = 500;

    /// <summary>
    /// The least warm-up when --warmup is left out. The JIT recompiles the plugins' hot methods with full optimization
    /// only after they have run a while and its background thread has had a core; with both cores training that took up
    /// to a second, and a row timed before it measured half its speed.
    /// </summary>
    public static readonly TimeSpan DefaultWarmupTime = TimeSpan.FromSeconds(1);

    /// <summary>The batch sizes measured when --batch is not given.</summary>
    public static readonly int[] DefaultBatches = [1, 8, 32];

    public static Command Create(CommandContext context)
    {
        var warmup = new CommandOption(SettingDefinition.Integer("warmup", DefaultWarmup, $"untimed updates before timing; left out, also at least {DefaultWarmupTime.TotalSeconds:0} s of them, for the JIT to optimize the hot code") with { Minimum = 0, ValueName = "N" });
        var json = CommandOption.Flag("json", "print the results as a JSON array");
        return HostedCommand.Create(
            "bench",
            "time the training loop of every model on every backend (default 5,000 updates)",
            context,
            OptionScope.Bench,
            [warmup.Symbol, json.Symbol],
            run => Run(
                run.Services,
                context.Console,
                run.Settings.IsGiven(run.Parse, "Training:Steps"),
                run.Settings.IsGiven(run.Parse, "Plugins:Backend"),
                run.Settings.IsGiven(run.Parse, "Plugins:Model"),
                run.Settings.IsGiven(run.Parse, "Training:Batch"),
                run.Settings.GivenPluginOptions(run.Parse),
                warmup.Integer(run.Parse, DefaultWarmup),
                warmup.IsGiven(run.Parse) ? TimeSpan.Zero : DefaultWarmupTime,
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

    /// <summary>A model and its layers, as the workload line names it.</summary>
    /// <summary>The characters per second that <paramref name="gigaflops"/> allows a model, in float64 and float32: its FLOPs per character at the peak.</summary>
    private static string Ceiling(RnnShape shape, int sequenceLength, double gigaflops)
    {
        var perSecond = gigaflops * 1e9 / (Benchmark.FlopsPerUpdate(shape, sequenceLength) / sequenceLength);
        return string.Create(CultureInfo.InvariantCulture, $"{Describe(shape)} {perSecond:N0} characters/s in float64, {2 * perSecond:N0} in float32");
    }

    private static string Describe(RnnShape shape) => shape.IsVanilla ? shape.Model : $"{shape.Model} ({shape.Layers} layer{(shape.Layers == 1 ? "" : "s")})";

    /// <summary>Whether the model has a kernel for the backend; a model without one is left out of a bench of every model.</summary>
    private static bool HasKernel(Plugin<IRecurrentModel> model, RnnShape shape, Plugin<IComputeBackend> backend, AppSettings settings)
    {
        try
        {
            using var kernel = PluginFactory.CreateKernel(model, backend, shape, settings.Model.SeqLength, settings);
            return true;
        }
        catch (UsageException)
        {
            return false;
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> With(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> all, string plugin, string key, string value)
    {
        var copy = all.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(copy.GetValueOrDefault(plugin) ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase) { [key] = value };
        copy[plugin] = values;
        return copy;
    }

    private static int Run(IServiceProvider services, CommandConsole console, bool stepsGiven, bool backendGiven, bool modelGiven, bool batchGiven, IReadOnlySet<string> optionsGiven, long warmup, TimeSpan warmupTime, bool json)
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
        var models = (modelGiven ? [catalog.Get<IRecurrentModel>(settings.Plugins.Model)] : catalog.All<IRecurrentModel>())
            .Select(model => (Model: model, Shape: PluginFactory.CreateShape(model, corpus.Vocabulary.Count, settings.Model.Hidden, settings with { Plugins = settings.Plugins with { Model = model.Name } })))
            .ToList();
        var batches = batchGiven ? [settings.Training.Batch] : DefaultBatches;
        var peaks = new Dictionary<int, double>();
        if (!json)
        {
            var sequences = models.Select(m => $"{Benchmark.FlopsPerUpdate(m.Shape, settings.Model.SeqLength) / 1e6:0.000} MFLOP for {Describe(m.Shape)}");
            console.Out.WriteLine($"workload: m = {settings.Model.Hidden}, seq_length = {settings.Model.SeqLength}, K = {corpus.Vocabulary.Count} ({corpus.Origin}), optimizer {settings.Plugins.Optimizer}");
            console.Out.WriteLine($"{Format.Count(updates)} timed updates at batch 1 after {Format.Count(warmup)} warm-up updates{(warmupTime > TimeSpan.Zero ? $" and at least {warmupTime.TotalSeconds:0} s" : "")}, the same characters at larger batches; one sequence is {string.Join(", ", sequences)}");
            foreach (var threads in batches.Select(b => settings.Training.ThreadsFor(b)).Distinct().Order())
            {
                var (gigaflops, bits) = Benchmark.MeasurePeakGigaflops(TimeSpan.FromSeconds(1), threads);
                peaks[threads] = gigaflops;
                var cores = threads == 1 ? "one core" : $"{threads} cores at once";
                console.Out.WriteLine($"float64 FMA peak, {cores} ({bits}-bit): {gigaflops:0.0} GFLOP/s (float32: twice that)");
                console.Out.WriteLine($"  at that peak no kernel trains faster than: {string.Join("; ", models.Select(m => Ceiling(m.Shape, settings.Model.SeqLength, gigaflops)))}");
            }

            console.Out.WriteLine();
            console.Out.WriteLine($"{"model",-7}{"backend",-10}{"dtype",-6}{"batch",6}{"thr",4}{"updates/s",11}{"chars/s",12}{"us/update",11}{"bytes/upd",10}{"GFLOP/s",9}{"of peak",8}");
        }

        var results = new List<(string Model, BenchmarkResult Result)>();
        var rows = models.SelectMany(m => backends.Select(b => (Model: m, Backend: b)))
            .SelectMany(p => Variants(p.Backend, settings with { Plugins = settings.Plugins with { Model = p.Model.Model.Name } }, optionsGiven).Select(v => (p.Model, p.Backend, Variant: v)))
            .SelectMany(p => batches.Select(batch => (p.Model, p.Backend, Variant: p.Variant with { Training = p.Variant.Training with { Batch = batch } })));
        var missing = new List<string>();
        foreach (var (model, backend, variant) in rows)
        {
            if (!modelGiven && !backendGiven && !HasKernel(model.Model, model.Shape, backend, variant))
            {
                missing.Add($"{model.Model.Name} on {backend.Name}");
                continue;
            }

            // Every row trains on the same number of characters: a batch of B makes each update B sequences.
            var batch = variant.Training.Batch;
            var result = Benchmark.Run(variant, catalog, backend, Math.Max(warmup / batch, Math.Min(warmup, 20)), warmupTime, Math.Max(updates / batch, 50));
            results.Add((model.Model.Name, result));
            if (!json)
            {
                // float32 vectors hold twice the lanes: an f32 row is measured against twice the float64 peak.
                var rowPeak = peaks.GetValueOrDefault(result.Threads) * (result.ElementType == "f32" ? 2 : 1);
                var share = rowPeak > 0 ? (result.GigaflopsPerSecond / rowPeak).ToString("P1", CultureInfo.InvariantCulture) : "-";
                console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{model.Model.Name,-7}{result.Backend,-10}{result.ElementType,-6}{result.Batch,6}{result.Threads,4}{result.UpdatesPerSecond,11:N0}{result.CharsPerSecond,12:N0}{result.MicrosecondsPerUpdate,11:0.0}{result.BytesAllocatedPerUpdate,10:N0}{result.GigaflopsPerSecond,9:0.00}{share,8}"));
            }
        }

        if (!json && missing.Count > 0)
        {
            console.Out.WriteLine($"no kernel, not measured: {string.Join(", ", missing.Distinct())}");
        }

        if (!json)
        {
            console.Out.WriteLine();
            console.Out.WriteLine("where one update's time goes at batch 1, in microseconds:");
            console.Out.WriteLine($"{"model",-7}{"backend",-10}{"dtype",-7}{"forward",10}{"backward",10}{"clip+optimizer+rest",21}{"sampling 200 chars",20}");
            foreach (var (name, r) in results.Where(r => r.Result.Batch == 1))
            {
                var b = r.Breakdown;
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7}{r.Backend,-10}{r.ElementType,-7}{b.Forward,10:0.0}{b.Backward,10:0.0}{b.Rest,21:0.0}{b.Sample200,20:0.0}"));
            }

            var batched = results.Where(r => r.Result.Batch > 1 && r.Result.Shares is not null).ToList();
            if (batched.Count > 0)
            {
                console.Out.WriteLine();
                console.Out.WriteLine("where one update's time goes at larger batches, in microseconds (the kernels run at once, one per thread):");
                console.Out.WriteLine($"{"model",-7}{"backend",-10}{"dtype",-6}{"batch",6}{"thr",4}{"kernel, this thread",21}{"slowest thread",16}{"hand-off+sum+optimizer+rest",29}");
                foreach (var (name, r) in batched)
                {
                    var s = r.Shares!;
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7}{r.Backend,-10}{r.ElementType,-6}{r.Batch,6}{r.Threads,4}{s.Kernel,21:0.0}{s.SlowestKernel,16:0.0}{s.Rest,29:0.0}"));
                }
            }
        }
        else
        {
            var table = results.Select(row => new
            {
                model = row.Model,
                backend = row.Result.Backend,
                dtype = row.Result.ElementType,
                batch = row.Result.Batch,
                threads = row.Result.Threads,
                updatesPerSecond = row.Result.UpdatesPerSecond,
                charsPerSecond = row.Result.CharsPerSecond,
                microsecondsPerUpdate = row.Result.MicrosecondsPerUpdate,
                bytesAllocatedPerUpdate = row.Result.BytesAllocatedPerUpdate,
                kernelMicroseconds = row.Result.Shares?.Kernel,
                slowestKernelMicroseconds = row.Result.Shares?.SlowestKernel,
                restMicroseconds = row.Result.Shares?.Rest,
                warmupUpdates = row.Result.WarmupUpdates,
                warmupSeconds = row.Result.WarmupSeconds,
            });
            console.Out.WriteLine(JsonSerializer.Serialize(table, new JsonSerializerOptions { WriteIndented = true }));
        }

        return RnnTuiApp.Ok;
    }
}
