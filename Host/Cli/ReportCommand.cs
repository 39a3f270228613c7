using RnnTui.Reporting;

namespace RnnTui.Cli;

/// <summary><c>rnntui report RUN</c>: writes report.md (and its loss graph) in the run's folder.</summary>
internal static class ReportCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console, CancellationToken cancellationToken)
    {
        var (target, settings) = RunArgument.Load(commandLine, "report");
        var folder = target.Folder ?? throw new UsageException($"{target.CheckpointFile} is not inside a run's folder; give the run's name or folder");
        var path = RunReport.Write(folder, settings, cancellationToken);
        console.Out.WriteLine($"wrote {path}");
        return App.Ok;
    }
}
