using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Reporting;
using RnnTui.Runs;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary><c>rnntui report RUN</c>: writes report.md (and its loss graph) in the run's folder.</summary>
internal static class ReportCommand
{
    public static Command Create(CommandContext context)
    {
        var run = new Argument<string>("RUN") { Description = "a run's name, its folder or a checkpoint file (rnntui runs lists them)", Arity = ArgumentArity.ZeroOrOne };
        RunTarget? target = null;
        return HostedCommand.Create(
            "report",
            "write report.md in a run's folder: gradient check, loss graph, samples, best passage",
            context,
            OptionScope.Report,
            [run],
            command =>
            {
                var folder = target!.Folder ?? throw new UsageException($"{target.CheckpointFile} is not inside a run's folder; give the run's name or folder");
                var path = RunReport.Write(folder, command.Services.GetRequiredService<AppSettings>(), command.Services.GetRequiredService<PluginCatalog>(), command.Stopping);
                context.Console.Line($"wrote {path}");
                return RnnTuiApp.Ok;
            },
            (parse, settings) =>
            {
                var name = parse.GetValue(run) ?? throw new UsageException("rnntui report needs RUN: a run's name, its folder or a checkpoint file (rnntui runs lists them)");
                (target, var layers) = RunArgument.Resolve(context, settings, parse, name);
                return layers;
            });
    }
}
