using Microsoft.Extensions.Logging.Abstractions;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Runs;

/// <summary>Runs started as the training commands start them, on the plugins built beside the tests.</summary>
internal static class Launch
{
    public static RunLauncher Launcher(AppSettings settings) =>
        new(settings, Catalog.Instance, new RunStore(settings.Runs), NullLoggerFactory.Instance, new AtomicCheckpointWriter());

    /// <summary>A new run in the settings' runs folder.</summary>
    public static ActiveRun Start(AppSettings settings, string? name, bool keepAlive = false) => Launcher(settings).Start(name, keepAlive);
}
