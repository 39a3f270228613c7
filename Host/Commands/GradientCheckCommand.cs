using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Training;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui gradcheck</c>: the report's tables 1-3 for the configured corpus on a small network, and exit code 1 when
/// a parameter's maximum relative error exceeds the threshold.
/// </summary>
internal static class GradientCheckCommand
{
    public static Command Create(CommandContext context) => HostedCommand.Create(
        "gradcheck",
        "compare analytic and numerical gradients (report tables 1-3)",
        context,
        OptionScope.GradientCheck,
        [],
        run =>
        {
            var report = GradientCheckReport.Create(run.Services.GetRequiredService<AppSettings>(), run.Services.GetRequiredService<PluginCatalog>(), run.Stopping);
            GradientCheckReport.Write(report, context.Console.Out);
            return report.Result.Passed ? RnnTuiApp.Ok : RnnTuiApp.Failed;
        });
}
