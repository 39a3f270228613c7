using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RnnTui.Plugins;
using RnnTui.Reporting;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary><c>rnntui report RUN</c>: writes report.md (and its loss graph) in the run's folder.</summary>
internal static class ReportCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("report", "write report.md in a run's folder: gradient check, loss graph, samples, best passage");
        var run = new Argument<string>("RUN") { Description = "a run's name, its folder or a checkpoint file (rnntui runs lists them)", Arity = ArgumentArity.ZeroOrOne };
        command.Add(run);
        var options = new SettingOptions(OptionScope.Report, context.Catalog, context.Current, new HashSet<string> { "config" });
        foreach (var symbol in options.Symbols)
        {
            command.Add(symbol);
        }

        command.SetAction(async (parse, _) =>
        {
            var name = parse.GetValue(run) ?? throw new UsageException("rnntui report needs RUN: a run's name, its folder or a checkpoint file (rnntui runs lists them)");
            var (target, layers) = RunArgument.Resolve(context, options, parse, name);
            var folder = target.Folder ?? throw new UsageException($"{target.CheckpointFile} is not inside a run's folder; give the run's name or folder");
            using var host = CommandHost.Build(context, layers);
            return await CommandHost.RunAsync(host, context, stopping =>
            {
                var services = host.Services;
                var path = RunReport.Write(folder, services.GetRequiredService<AppSettings>(), services.GetRequiredService<PluginCatalog>(), stopping);
                context.Console.Out.WriteLine($"wrote {path}");
                return Task.FromResult(RnnTuiApp.Ok);
            });
        });
        return command;
    }
}
