using Microsoft.Extensions.DependencyInjection;
using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>Registers the plugin catalog and the settings in force, the plugins' own settings bound against it.</summary>
internal static class PluginServices
{
    public static IServiceCollection AddPlugins(this IServiceCollection services, PluginCatalog catalog, string configPath)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(provider => AppSettings.From(provider, configPath, PluginSettingsBinder.Bind(catalog, provider.GetRequiredService<SettingsReader>())));
        return services;
    }
}
