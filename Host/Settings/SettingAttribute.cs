namespace RnnTui.Settings;

/// <summary>Marks a settings record as one section of <c>plugins.json</c>, e.g. <c>Model</c>.</summary>
/// <param name="name">The section's name in the settings file.</param>
/// <param name="description">One line for documentation.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class SettingsSectionAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}

/// <summary>
/// Describes one setting of a settings record: its range, its command-line option and where that option applies.
/// The record's property gives the key, the type and (through the record's initialiser) the default.
/// </summary>
/// <param name="description">One line for help, the settings listing and the README.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class SettingAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The smallest value of a number; NaN for none.</summary>
    public double Minimum { get; init; } = double.NaN;

    public bool MinimumIsExclusive { get; init; }

    /// <summary>The largest value of a number; NaN for none.</summary>
    public double Maximum { get; init; } = double.NaN;

    public bool MaximumIsExclusive { get; init; }

    /// <summary>The command-line option that sets it, without dashes; null for none.</summary>
    public string? Option { get; init; }

    /// <summary>How help shows the option's value, e.g. <c>M</c>.</summary>
    public string? ValueName { get; init; }

    /// <summary>The commands whose command line offers the option.</summary>
    public OptionScope Scope { get; init; } = OptionScope.Training;

    /// <summary>The only values a text setting takes, or null for any text.</summary>
    public string[]? Choices { get; init; }

    /// <summary>A file or folder path, made absolute when read.</summary>
    public bool IsPath { get; init; }

    /// <summary>
    /// A list of names in which an entry with a <c>/</c> is a path instead, made absolute as a path setting's value is
    /// (relative to the settings file when the file gives it).
    /// </summary>
    public bool EntriesWithSlashArePaths { get; init; }

    /// <summary>A path relative to the current folder even when the settings file gives it (not to the file's folder).</summary>
    public bool RelativeToCurrentFolder { get; init; }

    /// <summary>
    /// A setting of the same section that giving this option on the command line sets to 0 unless it is given too
    /// (asking for epochs lifts the file's step limit, and the other way round).
    /// </summary>
    public string? Clears { get; init; }
}
