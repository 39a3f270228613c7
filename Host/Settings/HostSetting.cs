using System.Globalization;
using System.Reflection;
using RnnTui.Contracts;

namespace RnnTui.Settings;

/// <summary>
/// One setting of the host, read off a settings record's property and its <see cref="SettingAttribute"/>: the key
/// (<c>Model:Hidden</c>), the definition plugins' settings share (kind, default, range, option), and where its
/// command-line option applies.
/// </summary>
internal sealed class HostSetting
{
    public HostSetting(string section, PropertyInfo property, SettingAttribute attribute, object defaults)
    {
        Section = section;
        Property = property;
        Attribute = attribute;
        IsList = property.PropertyType == typeof(IReadOnlyList<string>);
        var kind = KindOf(property.PropertyType, attribute.IsPath);
        Definition = new SettingDefinition(property.Name, kind, attribute.Description)
        {
            DefaultValue = Text(property.GetValue(defaults)),
            Minimum = double.IsNaN(attribute.Minimum) ? null : attribute.Minimum,
            MinimumIsExclusive = attribute.MinimumIsExclusive,
            Maximum = double.IsNaN(attribute.Maximum) ? MaximumOf(property.PropertyType) : attribute.Maximum,
            MaximumIsExclusive = attribute.MaximumIsExclusive,
            Option = attribute.Option,
            ValueName = attribute.ValueName,
            Choices = attribute.Choices,
        };
    }

    /// <summary>The section it belongs to, e.g. <c>Model</c>.</summary>
    public string Section { get; }

    public PropertyInfo Property { get; }

    public SettingAttribute Attribute { get; }

    public SettingDefinition Definition { get; }

    /// <summary>The key in configuration terms, e.g. <c>Model:Hidden</c>.</summary>
    public string Key => $"{Section}:{Property.Name}";

    /// <summary>Whether it holds a list of texts (or paths) rather than one value.</summary>
    public bool IsList { get; }

    /// <summary>The commands whose command line offers its option (none when it has no option).</summary>
    public OptionScope Scope => Attribute.Option is null ? OptionScope.None : Attribute.Scope;

    /// <summary>A value as invariant text, the way the settings file and the help show it.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable<string> list when value is not string => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static SettingKind KindOf(Type type, bool isPath) =>
        type == typeof(double) ? SettingKind.Number
        : type == typeof(int) || type == typeof(long) || type == typeof(ulong) ? SettingKind.Integer
        : type == typeof(bool) ? SettingKind.Boolean
        : type == typeof(string) || type == typeof(IReadOnlyList<string>) ? (isPath ? SettingKind.Path : SettingKind.Text)
        : throw new NotSupportedException($"a setting of type {type.Name}");

    private static double? MaximumOf(Type type) =>
        type == typeof(int) ? int.MaxValue
        : type == typeof(long) || type == typeof(ulong) ? long.MaxValue
        : null;
}
