using System.Globalization;
using System.Reflection;
using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// What the host needs to find a plugin and list its settings: a public, non-abstract class with a public
/// parameterless constructor and a <see cref="PluginAttribute"/>, whose settings have distinct names and defaults of
/// their own kind.
/// </summary>
internal static class PluginIdentity
{
    /// <summary>The name of the plugin's <c>[Plugin]</c> attribute, or its type's name when it has none.</summary>
    public static string NameOf(object plugin)
    {
        var attribute = plugin.GetType().GetCustomAttribute<PluginAttribute>();
        return string.IsNullOrWhiteSpace(attribute?.Name) ? plugin.GetType().Name : attribute.Name;
    }

    /// <summary>The settings the plugin defines; none when asking throws (the discovery check reports that).</summary>
    public static IReadOnlyList<SettingDefinition> Settings(IPlugin plugin)
    {
        try
        {
            return plugin.Settings ?? [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>The <c>discovery</c> check.</summary>
    public static void Check(CheckList checks, IPlugin plugin) => checks.Run("discovery", () =>
    {
        var type = plugin.GetType();
        var problems = new List<string>();
        if (!type.IsPublic && !type.IsNestedPublic)
        {
            problems.Add($"{type.Name} is not public");
        }

        if (type.IsAbstract)
        {
            problems.Add($"{type.Name} is abstract");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"{type.Name} has no public parameterless constructor");
        }

        var attribute = type.GetCustomAttribute<PluginAttribute>();
        if (attribute is null || string.IsNullOrWhiteSpace(attribute.Name))
        {
            problems.Add($"{type.Name} has no [Plugin(name, description)] attribute");
        }

        var settings = plugin.Settings ?? [];
        problems.AddRange(settings.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"it defines the setting '{g.Key}' twice"));
        problems.AddRange(settings.Where(s => s.DefaultValue is not null && !IsValue(s, s.DefaultValue)).Select(s => $"the default of '{s.Name}', '{s.DefaultValue}', is not a value of its own kind"));
        CheckList.Expect(problems.Count == 0, () => string.Join("; ", problems) + " (rnntui would not load it as it is)");
        var names = settings.Count == 0 ? "no settings" : $"settings {string.Join(", ", settings.Select(s => s.Name))}";
        return $"public class {type.Name} with a public parameterless constructor, [Plugin(\"{attribute!.Name}\", ...)] and {names}";
    });

    /// <summary>Whether a text is a value of a setting's kind and in its range, as the host parses it.</summary>
    public static bool IsValue(SettingDefinition setting, string text) => setting.Kind switch
    {
        SettingKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && InRange(setting, number),
        SettingKind.Integer => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) && InRange(setting, integer),
        SettingKind.Boolean => bool.TryParse(text, out _),
        SettingKind.Text when setting.Choices is { } choices => choices.Contains(text, StringComparer.OrdinalIgnoreCase),
        _ => true,
    };

    private static bool InRange(SettingDefinition setting, double value) =>
        (setting.Minimum is not { } min || (setting.MinimumIsExclusive ? value > min : value >= min))
        && (setting.Maximum is not { } max || (setting.MaximumIsExclusive ? value < max : value <= max));
}
