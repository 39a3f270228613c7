using Microsoft.Extensions.DependencyInjection;

namespace RnnTui.Runs;

/// <summary>Registers training as a hosted service: the run launcher, the run asked for, and the service that trains it.</summary>
internal static class RunServices
{
    public static IServiceCollection AddTraining(this IServiceCollection services, RunRequest request)
    {
        services.AddSingleton(request);
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<TrainingService>();
        services.AddHostedService(provider => provider.GetRequiredService<TrainingService>());
        return services;
    }
}
