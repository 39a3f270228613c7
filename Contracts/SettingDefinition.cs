using System.Globalization;

namespace RnnTui.Contracts;

/// <summary>
/// One setting a plugin takes: its name, kind, default, range and description, and optionally a command-line option
/// that sets it. The host reads a plugin's definitions from <see cref="IPlugin.Settings"/> to check the values in
/// <c>plugins.json</c>, the environment and the command line, to fill in defaults, to list them in <c>--help</c>,
/// and to record them with each run; a key the plugin does not define is refused as unknown.
/// </summary>
public sealed record SettingDefinition
{
    /// <summary>Creates a definition; the factories <see cref="Number"/>, <see cref="Integer"/>... with a <c>with</c> expression read better.</summary>
    /// <param name="name">The key under <c>Settings:PLUGIN</c>, e.g. <c>eta</c> (case-insensitive).</param>
    /// <param name="kind">What values it takes.</param>
    /// <param name="description">One line for help, e.g. <c>learning rate</c>.</param>
    public SettingDefinition(string name, SettingKind kind, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Description = description ?? "";
    }

    /// <summary>The key under <c>Settings:PLUGIN</c>, e.g. <c>eta</c>.</summary>
    public string Name { get; }

    /// <summary>What values it takes.</summary>
    public SettingKind Kind { get; }

    /// <summary>One line for help and documentation.</summary>
    public string Description { get; }

    /// <summary>The value used when none is given, as invariant text (<c>0.1</c>, <c>true</c>); null for none.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>The smallest value a <see cref="SettingKind.Number"/> or <see cref="SettingKind.Integer"/> takes, if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>Whether <see cref="Minimum"/> itself is excluded (a value must be greater).</summary>
    public bool MinimumIsExclusive { get; init; }

    /// <summary>The largest value a <see cref="SettingKind.Number"/> or <see cref="SettingKind.Integer"/> takes, if any.</summary>
    public double? Maximum { get; init; }

    /// <summary>Whether <see cref="Maximum"/> itself is excluded (a value must be smaller).</summary>
    public bool MaximumIsExclusive { get; init; }

    /// <summary>
    /// A command-line option that sets this setting of the selected plugin of its kind, without dashes, e.g.
    /// <c>eta</c> for <c>--eta</c>; null for none. Plugins of one kind may share an option.
    /// </summary>
    public string? Option { get; init; }

    /// <summary>How help shows the option's value, e.g. <c>X</c>; null for a name derived from the kind.</summary>
    public string? ValueName { get; init; }

    /// <summary>
    /// For a <see cref="SettingKind.Text"/> setting, the only values it takes (compared without regard to case; the
    /// plugin receives the value as written here), e.g. <c>f64</c> and <c>f32</c>; null for any text.
    /// </summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>A number setting with a default.</summary>
    public static SettingDefinition Number(string name, double defaultValue, string description) =>
        new(name, SettingKind.Number, description) { DefaultValue = defaultValue.ToString("R", CultureInfo.InvariantCulture) };

    /// <summary>A whole-number setting with a default.</summary>
    public static SettingDefinition Integer(string name, long defaultValue, string description) =>
        new(name, SettingKind.Integer, description) { DefaultValue = defaultValue.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A true/false setting with a default.</summary>
    public static SettingDefinition Boolean(string name, bool defaultValue, string description) =>
        new(name, SettingKind.Boolean, description) { DefaultValue = defaultValue ? "true" : "false" };

    /// <summary>A text setting, with a default or none.</summary>
    public static SettingDefinition Text(string name, string? defaultValue, string description) =>
        new(name, SettingKind.Text, description) { DefaultValue = defaultValue };

    /// <summary>A text setting that takes one of a few values, with a default among them.</summary>
    public static SettingDefinition Choice(string name, string defaultValue, string description, params string[] choices) =>
        new(name, SettingKind.Text, description) { DefaultValue = defaultValue, Choices = choices };

    /// <summary>A path setting, with a default (relative to the settings file) or none.</summary>
    public static SettingDefinition Path(string name, string? defaultValue, string description) =>
        new(name, SettingKind.Path, description) { DefaultValue = defaultValue };
}
