using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RnnTui.Runs;

/// <summary>Registers training as a hosted service: the run launcher, the run asked for, and the service that trains it.</summary>
internal static class RunServices
{
    public static IServiceCollection AddTraining(this IServiceCollection services, RunRequest request)
    {
        services.AddSingleton(request);
        services.TryAddSingleton<ICheckpointWriter, AtomicCheckpointWriter>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<TrainingService>();
        services.AddHostedService(provider => provider.GetRequiredService<TrainingService>());
        return services;
    }
}
