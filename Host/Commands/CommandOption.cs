using System.CommandLine;
using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// An option of one command that is not a setting (<c>--length</c>, <c>--headless</c>), defined like a setting so
/// that its value is checked, and refused in the same words, as a setting's.
/// </summary>
internal sealed class CommandOption
{
    public CommandOption(SettingDefinition definition)
    {
        Definition = definition;
        var name = "--" + (definition.Option ?? definition.Name);
        Symbol = definition.Kind == SettingKind.Boolean
            ? new Option<bool>(name) { Description = definition.Description }
            : new Option<string>(name) { Description = definition.Description, HelpName = definition.ValueName ?? "VALUE" };
    }

    public SettingDefinition Definition { get; }

    public Option Symbol { get; }

    /// <summary>The option as typed, e.g. <c>--length</c>.</summary>
    public string Name => Symbol.Name;

    /// <summary>A flag with no value, e.g. <c>--headless</c>.</summary>
    public static CommandOption Flag(string name, string description) =>
        new(SettingDefinition.Boolean(name, false, description));

    /// <summary>An option taking any text, e.g. <c>--prime TEXT</c>.</summary>
    public static CommandOption Text(string name, string valueName, string description) =>
        new(SettingDefinition.Text(name, null, description) with { ValueName = valueName });

    /// <summary>An option taking a path, made absolute against the current folder.</summary>
    public static CommandOption Path(string name, string valueName, string description) =>
        new(SettingDefinition.Path(name, null, description) with { ValueName = valueName });

    /// <summary>Whether the command line gives the option.</summary>
    public bool IsGiven(ParseResult parse) => parse.GetResult(Symbol) is { Implicit: false };

    /// <summary>A flag's value.</summary>
    public bool IsSet(ParseResult parse) => Symbol is Option<bool> flag && parse.GetValue(flag);

    /// <summary>The text given, or null.</summary>
    public string? Text(ParseResult parse) => Symbol is Option<string> text && IsGiven(parse) ? parse.GetValue(text) : null;

    /// <summary>The value given, checked, as a <see cref="long"/>, <see cref="double"/> or text; or null when not given.</summary>
    /// <exception cref="UsageException">The value is not what the option takes.</exception>
    public object? Value(ParseResult parse)
    {
        if (Text(parse) is not { } text)
        {
            return null;
        }

        var value = SettingValue.Parse(Definition, text) ?? throw new UsageException(SettingValue.Refusal(Name, Definition, text));
        return Definition.Kind == SettingKind.Path ? System.IO.Path.GetFullPath((string)value) : value;
    }

    /// <summary>The whole number given, or <paramref name="otherwise"/>.</summary>
    public long Integer(ParseResult parse, long otherwise) => Value(parse) is long value ? value : otherwise;

    /// <summary>The number given, or <paramref name="otherwise"/>.</summary>
    public double Number(ParseResult parse, double otherwise) => Value(parse) is double value ? value : otherwise;
}
