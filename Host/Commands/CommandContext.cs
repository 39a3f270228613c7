using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// What every command of one invocation shares: where it writes, the settings file named by <c>--config</c> (read
/// before the command line is parsed, since the plugins it names define options of their own), the plugins found,
/// and a cancellation token from whoever runs rnntui in process.
/// </summary>
internal sealed class CommandContext
{
    private readonly Dictionary<string, PluginCatalog> _catalogs = new(StringComparer.Ordinal);
    private readonly PluginCatalog? _fixedCatalog;

    /// <param name="console">Where commands write.</param>
    /// <param name="configPath">The settings file.</param>
    /// <param name="cancellationToken">Stops the command, as a signal does.</param>
    /// <param name="catalog">Plugins already found, used whatever the settings select (for tools and tests); null to discover them.</param>
    /// <param name="services">More services for every host, after the command's own (tools and tests put fakes in).</param>
    public CommandContext(CommandConsole console, string configPath, CancellationToken cancellationToken, PluginCatalog? catalog = null, Action<IServiceCollection>? services = null)
    {
        Services = services;
        _fixedCatalog = catalog;
        Console = console;
        ConfigPath = configPath;
        CancellationToken = cancellationToken;
        try
        {
            var sources = SettingsLayers.FromFile(configPath).Build();
            Current = sources;
            Catalog = CatalogFor(new SettingsReader(sources).Read<PluginSelection>());
        }
        catch (UsageException e)
        {
            // Kept for the commands that need the settings; help, version and completion work without them.
            Problem = e;
        }
    }

    public CommandConsole Console { get; }

    /// <summary>More services for every host this invocation builds, or null.</summary>
    public Action<IServiceCollection>? Services { get; }

    /// <summary>The settings file: <c>--config FILE</c>, else plugins.json beside rnntui.</summary>
    public string ConfigPath { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The settings file and environment as they stand, for showing current values in help; null when unreadable.</summary>
    public SettingsSources? Current { get; }

    /// <summary>The plugins the settings file selects folders for; null when it could not be read.</summary>
    public PluginCatalog? Catalog { get; }

    /// <summary>Why the settings file could not be read, or null.</summary>
    public UsageException? Problem { get; }

    /// <summary>The settings file's layers, fresh for one command.</summary>
    /// <exception cref="UsageException">The settings file cannot be used.</exception>
    public SettingsLayers Layers() => Problem is null ? SettingsLayers.FromFile(ConfigPath) : throw Problem;

    /// <summary>The plugins of a selection's folders and disabled names, discovered once per selection.</summary>
    public PluginCatalog CatalogFor(PluginSelection selection)
    {
        if (_fixedCatalog is not null)
        {
            return _fixedCatalog;
        }

        var key = string.Join("\n", selection.Folders) + "\n\n" + string.Join("\n", selection.Disabled.Order(StringComparer.OrdinalIgnoreCase));
        if (!_catalogs.TryGetValue(key, out var catalog))
        {
            _catalogs[key] = catalog = PluginCatalog.Discover(selection);
        }

        return catalog;
    }

    /// <summary>The value of <c>--config</c> in the arguments (before any <c>--</c>), or null.</summary>
    public static string? ConfigArgument(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                break;
            }

            if (args[i] == "--config" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal) || args[i].StartsWith("--config:", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return null;
    }
}
