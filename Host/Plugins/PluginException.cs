namespace RnnTui.Plugins;

/// <summary>
/// A plugin failed in a way that is not the user's mistake (a bug in it, an exception it should not throw): shown as
/// one line naming the plugin and what it was doing, exit code 1, never a stack trace.
/// </summary>
internal sealed class PluginException(string message, Exception? cause = null) : Exception(message, cause);
