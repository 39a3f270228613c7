namespace RnnTui.Plugins;

/// <summary>A plugin folder <c>rnntui plugins install</c> put in the user's plugin folder, and what it provides.</summary>
/// <param name="Name">The folder's name, which is its DLL's (<c>NAME/NAME.dll</c>).</param>
/// <param name="Folder">Where it is now.</param>
/// <param name="Plugins">The plugins it provides, as the catalog found them there.</param>
/// <param name="Replaced">Whether it replaced an earlier install of the same name (<c>--force</c>).</param>
internal sealed record PluginInstallation(string Name, string Folder, IReadOnlyList<PluginInfo> Plugins, bool Replaced);
