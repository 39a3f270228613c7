using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RnnTui.Plugins;
using RnnTui.Runs;
using RnnTui.Settings;
using Serilog;
using Serilog.Events;

namespace RnnTui.Commands;

/// <summary>
/// The one generic host a command runs in: its configuration is the settings layers (file, environment, command
/// line); its services are the settings records (validated at start), the plugin catalog, the run store and what
/// the command adds (the training service); its lifetime is <see cref="SignalLifetime"/>; its log goes to a file
/// through Serilog, never to the terminal.
/// </summary>
internal static class CommandHost
{
    /// <summary>Builds the host and resolves the settings, so that a bad setting is reported before any work begins.</summary>
    /// <exception cref="UsageException">A setting is unknown, of the wrong kind or out of range.</exception>
    public static IHost Build(CommandContext context, SettingsLayers layers, Action<IServiceCollection>? configure = null)
    {
        var sources = layers.Build();
        SettingsSources.CheckEnvironment();
        var reader = new SettingsReader(sources);
        var catalog = context.CatalogFor(reader.Read<PluginSelection>());
        var logFile = reader.Read<LogSettings>().File;

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "rnntui", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(sources.Configuration);
        builder.Services.AddSettings(sources);
        builder.Services.AddPlugins(catalog, layers.Path);
        builder.Services.AddSingleton(provider => new RunStore(provider.GetRequiredService<AppSettings>().Runs));
        builder.Services.AddSingleton(context.Console);
        builder.Services.AddSingleton<SignalLifetime>();
        builder.Services.AddSingleton<IHostLifetime>(provider => provider.GetRequiredService<SignalLifetime>());
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(1));
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(FileLogger(logFile), dispose: true);
        configure?.Invoke(builder.Services);
        context.Services?.Invoke(builder.Services);

        var host = builder.Build();
        try
        {
            _ = host.Services.GetRequiredService<AppSettings>();
            var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PluginCatalog));
            foreach (var problem in catalog.Problems)
            {
                log.LogWarning("plugin not loaded: {Problem}", problem.ToString());
            }

            return host;
        }
        catch (OptionsValidationException e)
        {
            host.Dispose();
            throw new UsageException(e.Failures.First());
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command's work in a started host, and stops it after, whatever happens.</summary>
    public static async Task<int> RunAsync(IHost host, CommandContext context, Func<CancellationToken, Task<int>> work)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var external = context.CancellationToken.Register(lifetime.StopApplication);
        await host.StartAsync(context.CancellationToken).ConfigureAwait(false);
        try
        {
            return await work(lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C, SIGTERM, SIGHUP) in a command that has nothing to save: 128 + the signal.
            return host.Services.GetRequiredService<SignalLifetime>().ExitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A log that appends to <paramref name="path"/>, shared with other rnntui processes; when the file cannot be
    /// opened, logging is off (never fatal).
    /// </summary>
    private static Serilog.ILogger FileLogger(string path)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            configuration.WriteTo.File(path, shared: true, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
        }

        return configuration.CreateLogger();
    }
}
