using System.Reflection;

namespace RnnTui.Settings;

/// <summary>One section of the settings file: its name, what it is for, its record type and its settings.</summary>
internal sealed record SettingsSectionInfo(string Name, string Description, Type Type, IReadOnlyList<HostSetting> Settings);

/// <summary>
/// Every host setting, read once from the settings records: the single definition that binding, the unknown-key
/// check, <c>run.json</c>, the command line, <c>--help</c> and <c>rnntui settings</c> all work from.
/// </summary>
internal static class SettingsDefinitions
{
    /// <summary>The section under which each plugin's own settings go, by plugin name.</summary>
    public const string PluginSection = "Settings";

    /// <summary>The section of named presets, each a settings object of the file's shape (<c>--preset NAME</c>).</summary>
    public const string PresetSection = "Presets";

    private static readonly Type[] SectionTypes =
    [
        typeof(PluginSelection), typeof(ModelSettings), typeof(TrainingSettings), typeof(LearningRateSettings), typeof(GradientCheckSettings),
        typeof(RunsSettings), typeof(CheckpointSettings), typeof(LogSettings),
    ];

    /// <summary>The host's sections in the order the settings file lists them.</summary>
    public static IReadOnlyList<SettingsSectionInfo> Sections { get; } = [.. SectionTypes.Select(Describe)];

    /// <summary>Every host setting, section by section.</summary>
    public static IReadOnlyList<HostSetting> All { get; } = [.. Sections.SelectMany(s => s.Settings)];

    /// <summary>The section of a name (case-insensitive), or null.</summary>
    public static SettingsSectionInfo? Section(string name) => Sections.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The section a record type stands for.</summary>
    public static SettingsSectionInfo Section(Type type) => Sections.First(s => s.Type == type);

    /// <summary>The setting of a key such as <c>Model:Hidden</c> (case-insensitive), or null.</summary>
    public static HostSetting? Find(string key) => All.FirstOrDefault(s => s.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static SettingsSectionInfo Describe(Type type)
    {
        var section = type.GetCustomAttribute<SettingsSectionAttribute>() ?? throw new InvalidOperationException($"{type.Name} has no [SettingsSection]");
        var defaults = Activator.CreateInstance(type)!;
        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<SettingAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new HostSetting(section.Name, p, p.GetCustomAttribute<SettingAttribute>()!, defaults))
            .ToList();
        return new SettingsSectionInfo(section.Name, section.Description, type, settings);
    }
}
