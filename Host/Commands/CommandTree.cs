using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace RnnTui.Commands;

/// <summary>
/// rnntui's commands as System.CommandLine builds them: the root (the interactive trainer, with train's options),
/// train, gradcheck, bench, sample, report, runs, plugins and completion. Help is 80 columns wide; <c>--version</c>
/// prints <c>rnntui X.Y.Z</c>; shell completion comes from System.CommandLine's <c>[suggest]</c> directive.
/// </summary>
internal static class CommandTree
{
    public const string Name = "rnntui";

    public static RootCommand Create(CommandContext context)
    {
        var root = new RootCommand("rnntui: train character-level recurrent networks in the terminal");
        TrainCommand.Configure(root, context);
        root.Add(TrainCommand.Create(context));
        root.Add(GradientCheckCommand.Create(context));
        root.Add(BenchCommand.Create(context));
        root.Add(SampleCommand.Create(context));
        root.Add(ReportCommand.Create(context));
        root.Add(CompareCommand.Create(context));
        root.Add(RunsCommand.Create(context));
        root.Add(PluginsCommand.Create(context));
        root.Add(SettingsCommand.Create(context));
        root.Add(CompletionCommand.Create(context));
        root.Add(new Option<string>("--config") { Description = "read settings from FILE instead of plugins.json beside rnntui", HelpName = "FILE", Recursive = true });
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                help.MaxWidth = 80;
            }
            else if (option is VersionOption version)
            {
                version.Action = new VersionAction(context.Console);
            }
        }

        return root;
    }

    /// <summary>The version as rnntui prints it: <c>rnntui 0.1.0</c>.</summary>
    public static string Version => $"{Name} {typeof(CommandTree).Assembly.GetName().Version?.ToString(3)}";

    private sealed class VersionAction(CommandConsole console) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            console.Out.WriteLine(Version);
            return RnnTuiApp.Ok;
        }
    }
}
