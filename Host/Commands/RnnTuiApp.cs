using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;
using RnnTui.Ui;

namespace RnnTui.Commands;

/// <summary>
/// rnntui's entry point: reads the settings file named by <c>--config</c> (its plugins define options), builds the
/// commands with System.CommandLine, parses, and runs the command, each inside its own generic host. A user's
/// mistake is one line on standard error and exit code 2; a plugin's failure one line and exit code 1.
/// </summary>
internal static class RnnTuiApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>Runs rnntui with these arguments, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken = default, Action<IServiceCollection>? services = null) =>
        RunAsync(args, console, cancellationToken, services).GetAwaiter().GetResult();

    /// <param name="args">The command line.</param>
    /// <param name="console">Where the command writes.</param>
    /// <param name="cancellationToken">Stops the command as a signal does.</param>
    /// <param name="services">More services for the command's host (tools and tests put fakes in), or null.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken = default, Action<IServiceCollection>? services = null)
    {
        try
        {
            if (console.IsTerminal && InteractiveCommand.MayRun(args))
            {
                UiWarmUp.Start();
            }

            var configPath = CommandContext.ConfigArgument(args) is { } config ? Path.GetFullPath(config) : SettingsLayers.DefaultPath;
            var context = new CommandContext(console, configPath, cancellationToken, services: services);
            var root = CommandTree.Create(context);
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Action is ParseErrorAction)
            {
                console.Problem(ParseErrors.Describe(parse, root));
                return BadInput;
            }

            var invocation = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Unwrap(e) is UsageException or CheckpointException or OptionsValidationException or PluginInputException)
        {
            console.Problem(Message(Unwrap(e)));
            return BadInput;
        }
        catch (Exception e) when (Unwrap(e) is PluginException)
        {
            console.Problem(Unwrap(e).Message);
            return Failed;
        }
    }

    /// <summary>The help text of the root command, at 80 columns.</summary>
    public static string Help(IReadOnlyList<string> args)
    {
        var output = new StringWriter();
        RunAsync([.. args, "--help"], new CommandConsole(output, output, IsTerminal: false)).GetAwaiter().GetResult();
        return output.ToString();
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

    private static string Message(Exception e) => e is OptionsValidationException validation ? validation.Failures.First() : e.Message;
}
