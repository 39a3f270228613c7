using System.Globalization;

namespace RnnTui.Cli;

/// <summary>What a command-line option's value must be.</summary>
internal enum OptionValue
{
    Flag,
    Text,
    Path,
    PositiveInteger,
    NonNegativeInteger,
    PositiveNumber,
    NonNegativeNumber,
    Fraction,
    Probability,
}

/// <summary>One command-line option: its name, the value it takes, and the configuration key it overrides.</summary>
/// <param name="Name">The option without its dashes, e.g. <c>seq-length</c>.</param>
/// <param name="Value">What its value must be.</param>
/// <param name="ValueName">How help shows the value, e.g. <c>N</c>.</param>
/// <param name="Help">One line for the help text.</param>
/// <param name="ConfigKey">The configuration key it sets, or null when the command reads it itself.</param>
internal sealed record OptionSpec(string Name, OptionValue Value, string ValueName, string Help, string? ConfigKey = null)
{
    /// <summary>Checks a value typed for this option, returning it normalised (paths made absolute).</summary>
    /// <exception cref="UsageException">The value is not what the option takes.</exception>
    public string Validate(string text)
    {
        switch (Value)
        {
            case OptionValue.Path:
                return text.Length > 0 ? Path.GetFullPath(text) : throw Bad(text, "a path");
            case OptionValue.PositiveInteger:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var positive) && positive >= 1
                    ? text : throw Bad(text, "a whole number >= 1");
            case OptionValue.NonNegativeInteger:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0
                    ? text : throw Bad(text, "a whole number >= 0");
            case OptionValue.PositiveNumber:
                return ParseNumber(text) is { } p && p > 0 ? text : throw Bad(text, "a number > 0");
            case OptionValue.NonNegativeNumber:
                return ParseNumber(text) is { } n && n >= 0 ? text : throw Bad(text, "a number >= 0");
            case OptionValue.Probability:
                return ParseNumber(text) is { } q && q is > 0 and <= 1 ? text : throw Bad(text, "a number > 0 and <= 1");
            case OptionValue.Fraction:
                return ParseNumber(text) is { } f && f is >= 0 and < 1 ? text : throw Bad(text, "a number >= 0 and < 1");
            default:
                return text;
        }
    }

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private UsageException Bad(string text, string expected) => new($"--{Name} must be {expected}, was '{text}'");
}
