using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui</c> and <c>rnntui train</c>: the interactive trainer, or with <c>--headless</c> training that prints a
/// progress line every progress interval and a sample before the first update and every sample interval, and at the
/// end (its limit, Ctrl+C, SIGTERM or SIGHUP) the lowest smooth loss, its step and a passage from the parameters that
/// reached it. Either way the run's folder keeps its settings, metrics, samples and checkpoints; <c>--resume</c>
/// continues one.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CommandContext context)
    {
        var train = new Command("train", "train in a run folder; with --headless, print progress lines instead of the UI");
        Configure(train, context);
        return train;
    }

    /// <summary>Gives a command (train, or the root) train's options and action.</summary>
    public static void Configure(Command command, CommandContext context)
    {
        var options = new Options(context);
        foreach (var symbol in options.Symbols)
        {
            command.Add(symbol);
        }

        command.SetAction((parse, _) => RunAsync(context, options, parse));
    }

    /// <summary>
    /// The host a train command line would run in, built but not started, for driving the trainer without a
    /// terminal (tests of the UI). The arguments are train's options.
    /// </summary>
    /// <exception cref="UsageException">A bad option or setting.</exception>
    public static Microsoft.Extensions.Hosting.IHost CreateHost(IReadOnlyList<string> args, CommandConsole console)
    {
        var configPath = CommandContext.ConfigArgument(args) is { } config ? Path.GetFullPath(config) : SettingsLayers.DefaultPath;
        var context = new CommandContext(console, configPath, CancellationToken.None);
        var options = new Options(context);
        var command = new RootCommand();
        foreach (var symbol in options.Symbols.Append(new Option<string>("--config")))
        {
            command.Add(symbol);
        }

        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new UsageException(ParseErrors.Describe(parse, command));
        }

        var (layers, request) = Plan(context, options, parse);
        return CommandHost.Build(context, layers, services => services.AddTraining(request));
    }

    private static Task<int> RunAsync(CommandContext context, Options options, ParseResult parse)
    {
        var (layers, request) = Plan(context, options, parse);
        return request.KeepAlive
            ? InteractiveCommand.RunAsync(context, layers, request)
            : HeadlessAsync(context, layers, request, options.Metrics.Value(parse) as string, options.Raw.IsSet(parse));
    }

    /// <summary>The settings and the run a train command line asks for.</summary>
    private static (SettingsLayers Layers, RunRequest Request) Plan(CommandContext context, Options options, ParseResult parse)
    {
        var headless = options.Headless.IsSet(parse);
        if (options.Resume.Text(parse) is { } resume)
        {
            if (options.Run.IsGiven(parse))
            {
                throw new UsageException("--run names a new run; --resume continues an existing one: give one of them");
            }

            var (target, saved) = RunArgument.Resolve(context, options.Settings, parse, resume);
            return (saved, new RunRequest(Resume: target, KeepAlive: !headless, LimitGiven: headless || LimitGiven(saved, resumed: true)));
        }

        var layers = context.Layers();
        options.Settings.Apply(parse, layers, context);
        return (layers, new RunRequest(Name: options.Run.Text(parse), KeepAlive: !headless, LimitGiven: headless || LimitGiven(layers, resumed: false)));
    }

    /// <summary>
    /// Whether a layer of the settings gives a step or epoch limit: any layer for a new run; for a resumed one, a layer
    /// above the settings the run saved (a preset, the environment or the command line).
    /// </summary>
    private static bool LimitGiven(SettingsLayers layers, bool resumed)
    {
        var sources = layers.Build();
        return new[] { "Training:Steps", "Training:Epochs" }
            .Any(key => sources.SourceOf(key) is { } source && !(resumed && source.Origin == SettingOrigin.File));
    }

    private static async Task<int> HeadlessAsync(CommandContext context, SettingsLayers layers, RunRequest request, string? metricsPath, bool raw)
    {
        using var host = CommandHost.Build(context, layers, services => services.AddTraining(request));
        var console = raw ? context.Console with { IsTerminal = false } : context.Console;
        var printer = new HeadlessPrinter(console);
        using var metrics = metricsPath is null ? null : OpenMetrics(metricsPath);
        var service = host.Services.GetRequiredService<TrainingService>();
        service.RunStarting += run =>
        {
            printer.Header(run.Description);
            printer.RunFolder(run);
            run.Trainer.Progressed += snapshot =>
            {
                printer.Progress(snapshot, run.Description.UpdateLimit);
                metrics?.Write(snapshot);
            };
            run.Trainer.Sampled += printer.Sample;
            run.Recorder.Failed += console.Problem;
            run.Recorder.Recovered += console.Problem;
        };

        return await CommandHost.RunAsync(host, context, async stopping =>
        {
            await service.Ended.ConfigureAwait(false);
            var run = service.Current;
            var final = run.Trainer.Latest;
            var failed = final.Status is TrainerStatus.Diverged or TrainerStatus.Faulted || service.Fault is not null;
            if (final.Status is TrainerStatus.Diverged or TrainerStatus.Faulted)
            {
                console.Problem(final.Message ?? "training failed");
            }
            else if (service.Fault is { } fault)
            {
                console.Problem($"training failed: {fault}");
            }

            if (stopping.IsCancellationRequested)
            {
                console.Line($"stopped at update step {Format.Count(final.Step)}");
            }

            printer.Summary(run.Trainer);
            printer.Saved(run);
            if (run.FinalSaveProblem() is { } unsaved)
            {
                console.Problem(unsaved);
                return RnnTuiApp.Failed;
            }

            return failed ? RnnTuiApp.Failed : RnnTuiApp.Ok;
        }).ConfigureAwait(false);
    }

    private static MetricsWriter OpenMetrics(string path)
    {
        try
        {
            return MetricsWriter.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write metrics file {path}: {e.Message}");
        }
    }

    /// <summary>Train's options: the settings it takes and its own.</summary>
    private sealed class Options(CommandContext context)
    {
        public CommandOption Headless { get; } = CommandOption.Flag("headless", "train without the interactive UI, printing progress lines");

        public CommandOption Metrics { get; } = CommandOption.Path("metrics", "FILE", "headless: also write progress to FILE (.csv: CSV, else JSON lines)");

        public CommandOption Raw { get; } = CommandOption.Flag("raw", "print model text raw even to a terminal");

        public CommandOption Run { get; } = CommandOption.Text("run", "NAME", "name the new run's folder (default: the time it starts)");

        public CommandOption Resume { get; } = CommandOption.Text("resume", "RUN", "continue a run from its latest checkpoint (name, folder or file)");

        public SettingOptions Settings { get; } = new(OptionScope.Train, context.Catalog, context.Current, Reserved);

        public IEnumerable<Option> Symbols => Settings.Symbols.Concat(new[] { Headless, Metrics, Raw, Run, Resume }.Select(o => o.Symbol));

        private static IReadOnlySet<string> Reserved => new HashSet<string> { "headless", "metrics", "raw", "run", "resume", "config" };
    }
}
