using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RnnTui.Settings;

/// <summary>Registers the settings records as options, bound by <see cref="SettingsReader"/> and validated at start.</summary>
internal static class SettingsServices
{
    public static IServiceCollection AddSettings(this IServiceCollection services, SettingsSources sources)
    {
        services.AddSingleton(sources);
        services.AddSingleton<SettingsReader>();
        AddSection<PluginSelection>(services);
        AddSection<ModelSettings>(services);
        AddSection<TrainingSettings>(services);
        AddSection<LearningRateSettings>(services);
        AddSection<GradientCheckSettings>(services);
        AddSection<RunsSettings>(services);
        AddSection<CheckpointSettings>(services);
        AddSection<LogSettings>(services);
        return services;
    }

    private static void AddSection<T>(IServiceCollection services)
        where T : class, new()
    {
        services.AddOptions<T>().Configure<SettingsReader>((options, reader) => reader.Fill(options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SectionValidator<T>>();
    }

    /// <summary>Fails a section with its first problem: a value of the wrong kind or out of range, named by its source.</summary>
    private sealed class SectionValidator<T>(SettingsReader reader) : IValidateOptions<T>
        where T : class, new()
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            reader.Fill(new T()) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems[0]) : ValidateOptionsResult.Success;
    }
}
