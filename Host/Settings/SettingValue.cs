using System.Globalization;
using RnnTui.Contracts;

namespace RnnTui.Settings;

/// <summary>Parses and checks a setting's text against its definition, for host and plugin settings alike.</summary>
internal static class SettingValue
{
    /// <summary>
    /// The value of <paramref name="text"/> for a definition: a <see cref="double"/>, <see cref="long"/>,
    /// <see cref="bool"/> or <see cref="string"/>; null when the text is not such a value or is out of range.
    /// </summary>
    public static object? Parse(SettingDefinition definition, string text)
    {
        switch (definition.Kind)
        {
            case SettingKind.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && InRange(definition, number)
                    ? number : null;
            case SettingKind.Integer:
                return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) && InRange(definition, integer)
                    ? integer : null;
            case SettingKind.Boolean:
                return bool.TryParse(text.Trim(), out var flag) ? flag : null;
            case SettingKind.Path:
                return text.Trim().Length > 0 || string.IsNullOrEmpty(definition.DefaultValue) ? text.Trim() : null;
            default:
                return definition.Choices is { } choices
                    ? choices.FirstOrDefault(c => c.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
                    : text;
        }
    }

    /// <summary>What a value must be, for messages: <c>a whole number between 1 and 4096</c>, <c>a number &gt; 0</c>...</summary>
    public static string Expected(SettingDefinition definition)
    {
        var (min, max) = (definition.Minimum, definition.Maximum);
        switch (definition.Kind)
        {
            case SettingKind.Integer:
                var shownMax = max is { } m && m < int.MaxValue ? max : null;
                return (min, shownMax) switch
                {
                    ({ } a, { } b) => $"a whole number between {Show(a)} and {Show(b)}",
                    ({ } a, null) => $"a whole number >= {Show(a)}",
                    (null, { } b) => $"a whole number <= {Show(b)}",
                    _ => "a whole number",
                };
            case SettingKind.Number:
                var lower = min is { } low ? $"{(definition.MinimumIsExclusive ? ">" : ">=")} {Show(low)}" : null;
                var upper = max is { } high ? $"{(definition.MaximumIsExclusive ? "<" : "<=")} {Show(high)}" : null;
                return (lower, upper) switch
                {
                    ({ } a, { } b) => $"a number {a} and {b}",
                    ({ } a, null) => $"a number {a}",
                    (null, { } b) => $"a number {b}",
                    _ => "a number",
                };
            case SettingKind.Boolean:
                return "true or false";
            case SettingKind.Path:
                return "a path";
            default:
                return definition.Choices is { } choices ? $"one of {string.Join(", ", choices)}" : "a text";
        }
    }

    /// <summary>The one-line message for a value that <see cref="Parse"/> refused.</summary>
    public static string Refusal(string what, SettingDefinition definition, string text) =>
        $"{what} must be {Expected(definition)}, was '{text}'";

    private static bool InRange(SettingDefinition definition, double value) =>
        (definition.Minimum is not { } min || (definition.MinimumIsExclusive ? value > min : value >= min))
        && (definition.Maximum is not { } max || (definition.MaximumIsExclusive ? value < max : value <= max));

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
