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
    public static Command Create(CommandContext context)
    {
        var command = new Command("gradcheck", "compare analytic and numerical gradients (report tables 1-3)");
        var options = new SettingOptions(OptionScope.GradientCheck, context.Catalog, context.Current, new HashSet<string> { "config" });
        foreach (var symbol in options.Symbols)
        {
            command.Add(symbol);
        }

        command.SetAction(async (parse, _) =>
        {
            var layers = context.Layers();
            options.Apply(parse, layers, context);
            using var host = CommandHost.Build(context, layers);
            return await CommandHost.RunAsync(host, context, stopping =>
            {
                var settings = host.Services.GetRequiredService<AppSettings>();
                var report = GradientCheckReport.Create(settings, host.Services.GetRequiredService<PluginCatalog>(), stopping);
                GradientCheckReport.Write(report, context.Console.Out);
                return Task.FromResult(report.Result.Passed ? RnnTuiApp.Ok : RnnTuiApp.Failed);
            });
        });
        return command;
    }
}
