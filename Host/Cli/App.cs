using RnnTui.Contracts;
using RnnTui.Runs;
using RnnTui.Text;

namespace RnnTui.Cli;

/// <summary>Parses the command line, runs the command, and turns a user's mistake into one line and exit code 2.</summary>
internal static class App
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken = default)
    {
        try
        {
            var commandLine = CommandLine.Parse(args);
            if (commandLine.Has("help") || commandLine.Command == "help")
            {
                console.Out.WriteLine(Commands.Help());
                return Ok;
            }

            if (commandLine.Has("version"))
            {
                console.Out.WriteLine($"rnntui {typeof(App).Assembly.GetName().Version?.ToString(3)}");
                return Ok;
            }

            return commandLine.Command switch
            {
                "plugins" => PluginsCommand.Run(commandLine, console),
                "bench" => BenchCommand.Run(commandLine, console),
                "gradcheck" => GradientCheckCommand.Run(commandLine, console, cancellationToken),
                "sample" => SampleCommand.Run(commandLine, console, cancellationToken),
                "report" => ReportCommand.Run(commandLine, console, cancellationToken),
                "runs" => RunsCommand.Run(commandLine, console),
                _ when commandLine.Has("headless") => TrainCommand.Run(commandLine, console, cancellationToken),
                _ => Ui.InteractiveCommand.Run(commandLine, console, cancellationToken),
            };
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"rnntui: {SafeText.Escape(e.Message, keepNewlines: false)}");
            return BadInput;
        }
        catch (CheckpointException e)
        {
            console.Error.WriteLine($"rnntui: {SafeText.Escape(e.Message, keepNewlines: false)}");
            return BadInput;
        }
        catch (PluginInputException e)
        {
            console.Error.WriteLine($"rnntui: {SafeText.Escape(e.Message, keepNewlines: false)}");
            return BadInput;
        }
    }
}
