using RnnTui.Contracts;

namespace RnnTui.Settings;

/// <summary>
/// Binds the settings records from the layered configuration, by the definitions of <see cref="SettingsDefinitions"/>:
/// a key no layer sets keeps the record's default; a value that is not of its kind or out of range is a problem
/// naming its source; paths are made absolute against their layer's folder.
/// </summary>
internal sealed class SettingsReader(SettingsSources sources)
{
    public SettingsSources Sources => sources;

    /// <summary>A section's record.</summary>
    /// <exception cref="UsageException">The first problem of the section.</exception>
    public T Read<T>()
        where T : class, new()
    {
        var value = new T();
        var problems = Fill(value);
        return problems.Count == 0 ? value : throw new UsageException(problems[0]);
    }

    /// <summary>Sets every setting of a section's record that a layer gives, and returns the problems found.</summary>
    public IReadOnlyList<string> Fill(object target)
    {
        var problems = new List<string>();
        foreach (var setting in SettingsDefinitions.Section(target.GetType()).Settings)
        {
            var value = setting.IsList ? ReadList(setting, problems) : ReadValue(setting, problems);
            if (value is not null)
            {
                setting.Property.SetValue(target, Convert(value, setting.Property.PropertyType));
            }
        }

        return problems;
    }

    /// <summary>A path made absolute against the folder of the layer that gave <paramref name="key"/>.</summary>
    public string ResolvePath(string key, string path) =>
        path.Length == 0 ? path : Path.GetFullPath(path, sources.BaseDirectoryOf(key));

    private object? ReadValue(HostSetting setting, List<string> problems)
    {
        if (sources[setting.Key] is not { } text)
        {
            return null;
        }

        if (SettingValue.Parse(setting.Definition, text) is not { } value)
        {
            problems.Add(SettingValue.Refusal(sources.Describe(setting.Key), setting.Definition, text));
            return null;
        }

        return setting.Definition.Kind == SettingKind.Path ? Resolve(setting, setting.Key, (string)value) : value;
    }

    private List<string>? ReadList(HostSetting setting, List<string> problems)
    {
        var children = sources.Children(setting.Key);
        if (children.Count == 0)
        {
            return null;
        }

        var values = new List<string>();
        foreach (var child in children.Where(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            var text = child.Value!.Trim();
            var isPath = setting.Definition.Kind == SettingKind.Path || (setting.Attribute.EntriesWithSlashArePaths && IsPathLike(text));
            values.Add(isPath ? Resolve(setting, child.Path, text) : text);
        }

        return values;
    }

    private static bool IsPathLike(string text) => text.Contains('/', StringComparison.Ordinal) || text.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private string Resolve(HostSetting setting, string key, string path) =>
        setting.Attribute.RelativeToCurrentFolder || path.Length == 0 ? (path.Length == 0 ? path : Path.GetFullPath(path)) : ResolvePath(key, path);

    private static object Convert(object value, Type type) => value switch
    {
        long l when type == typeof(int) => (int)l,
        long l when type == typeof(ulong) => (ulong)l,
        List<string> list => (IReadOnlyList<string>)list,
        _ => value,
    };
}
