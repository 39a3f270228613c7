using System.CommandLine;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>One run of a hosted command: the command line, its settings options, the started host's services, and the token a stop (a signal) cancels.</summary>
internal sealed record CommandRun(ParseResult Parse, SettingOptions Settings, IServiceProvider Services, CancellationToken Stopping);

/// <summary>
/// What most commands are: options that set settings (those of a scope) beside the command's own, and an action
/// that builds the generic host from the settings the command line gives and runs the command's work in it.
/// </summary>
internal static class HostedCommand
{
    /// <summary>Creates a command.</summary>
    /// <param name="name">The command word.</param>
    /// <param name="description">One line for help.</param>
    /// <param name="context">The invocation's context.</param>
    /// <param name="scope">Which settings the command offers as options.</param>
    /// <param name="own">The command's own arguments and options.</param>
    /// <param name="work">The work, in the started host; returns the exit code.</param>
    /// <param name="layers">The settings layers for a parse, when they are not the settings file's (a run's saved settings).</param>
    public static Command Create(
        string name,
        string description,
        CommandContext context,
        OptionScope scope,
        IEnumerable<Symbol> own,
        Func<CommandRun, int> work,
        Func<ParseResult, SettingOptions, SettingsLayers>? layers = null)
    {
        var command = new Command(name, description);
        var symbols = own.ToList();
        var reserved = symbols.OfType<Option>().Select(o => o.Name.TrimStart('-')).Append("config").ToHashSet(StringComparer.Ordinal);
        var settings = new SettingOptions(scope, context.Catalog, context.Current, reserved);
        foreach (var argument in symbols.OfType<Argument>())
        {
            command.Add(argument);
        }

        foreach (var option in settings.Symbols.Concat(symbols.OfType<Option>()))
        {
            command.Add(option);
        }

        command.SetAction(async (parse, _) =>
        {
            var chosen = layers?.Invoke(parse, settings) ?? Apply(context, settings, parse);
            using var host = CommandHost.Build(context, chosen);
            return await CommandHost.RunAsync(host, context, stopping => Task.FromResult(work(new CommandRun(parse, settings, host.Services, stopping)))).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The settings file's layers with the command line's settings applied.</summary>
    public static SettingsLayers Apply(CommandContext context, SettingOptions settings, ParseResult parse)
    {
        var layers = context.Layers();
        settings.Apply(parse, layers, context);
        return layers;
    }
}
