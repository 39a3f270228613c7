using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Text;
using RnnTui.Training;

namespace RnnTui.Cli;

/// <summary>
/// <c>rnntui gradcheck</c>: the report's tables 1-3 for the configured corpus on a small network, and exit code 1 when
/// a parameter's maximum relative error exceeds the threshold.
/// </summary>
internal static class GradientCheckCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console, CancellationToken cancellationToken)
    {
        var settings = SettingsLoader.Load(commandLine);
        var catalog = PluginCatalog.Discover(settings.Plugins);
        var report = GradientCheckReport.Create(settings, catalog, cancellationToken);
        GradientCheckReport.Write(report, console.Out);
        return report.Result.Passed ? App.Ok : App.Failed;
    }
}
