using RnnTui.Cli;
using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>Reports settings given to a plugin that it never read: almost always a typing mistake.</summary>
internal static class PluginSettingsCheck
{
    /// <exception cref="UsageException">A setting was not read by the plugin.</exception>
    public static void ThrowIfUnread(PluginDescriptor plugin, PluginSettings settings)
    {
        var unread = settings.UnreadKeys.Order(StringComparer.Ordinal).ToList();
        if (unread.Count > 0)
        {
            throw new UsageException($"plugins.json: Settings:{plugin.Name} has unknown setting '{unread[0]}'");
        }
    }
}
