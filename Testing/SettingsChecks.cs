using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// The checks of how a plugin reads its settings, for optimizers (at <c>Create</c>) and backends (at
/// <c>CreateKernel</c>): every setting it defines is read when it is created, a key it does not define is left unread
/// for the host to report, and a bad value is refused with a <see cref="PluginInputException"/>.
/// </summary>
internal static class SettingsChecks
{
    /// <summary>A key no plugin defines.</summary>
    public const string UnknownKey = "conformanceProbe";

    /// <summary>
    /// The values the host would pass: every setting's default, with the given values over them (the host's binder
    /// fills in a default for every setting that has one).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Effective(IReadOnlyList<SettingDefinition> definitions, PluginSettings? given)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions.Where(d => d.DefaultValue is not null))
        {
            values[definition.Name] = definition.DefaultValue!;
        }

        foreach (var key in given?.Keys.ToList() ?? [])
        {
            values[key] = given!.GetString(key)!;
        }

        return values;
    }

    /// <summary>Fresh settings (nothing read yet) of <paramref name="values"/>, with <paramref name="changes"/> over them.</summary>
    public static PluginSettings Settings(IReadOnlyDictionary<string, string> values, params (string Key, string Value)[] changes)
    {
        var all = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            all[key] = value;
        }

        return new PluginSettings(all);
    }

    /// <summary>The settings as a display line: <c>eta=0.1, epsilon=1E-08</c>, or <c>none</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    /// <summary>Adds the checks <c>settings read</c>, <c>unknown key</c> and <c>bad values</c>.</summary>
    /// <param name="checks">Where the results go.</param>
    /// <param name="definitions">The settings the plugin defines.</param>
    /// <param name="values">The settings in force.</param>
    /// <param name="reader">What reads them, for messages: <c>Create</c>, <c>CreateKernel(shape, maxSequenceLength, settings)</c>.</param>
    /// <param name="create">Creates the plugin's product from settings and disposes of it.</param>
    public static void Check(CheckList checks, IReadOnlyList<SettingDefinition> definitions, IReadOnlyDictionary<string, string> values, string reader, Action<PluginSettings> create)
    {
        checks.Run("settings read", () =>
        {
            if (definitions.Count == 0)
            {
                throw CheckList.Skip("it defines no settings (IPlugin.Settings), so rnntui passes it the keys as written and reports those it leaves unread");
            }

            var settings = Settings(values);
            create(settings);
            var unread = settings.UnreadKeys.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var given = definitions.Where(d => values.ContainsKey(d.Name)).Select(d => d.Name).ToList();
            var missed = given.Where(unread.Contains).ToList();
            CheckList.Expect(missed.Count == 0, () =>
                $"{string.Join(", ", missed)} not read by {reader}: a plugin reads each of its settings when it is created, so that a bad value is refused before any work begins");
            var absent = definitions.Select(d => d.Name).Except(given, StringComparer.OrdinalIgnoreCase).ToList();
            var note = absent.Count == 0 ? "" : $" ({string.Join(", ", absent)}: no default and not given)";
            return given.Count == 0 ? $"no setting has a value to read{note}" : $"{string.Join(", ", given)} read by {reader}, defaults written out{note}";
        });

        checks.Run("unknown key", () =>
        {
            var settings = Settings(values, (UnknownKey, "1"));
            try
            {
                create(settings);
            }
            catch (PluginInputException e)
            {
                return $"an undefined key ('{UnknownKey}') is refused: {e.Message}";
            }

            CheckList.Expect(
                settings.UnreadKeys.Contains(UnknownKey, StringComparer.OrdinalIgnoreCase),
                () => $"{reader} read the undefined key '{UnknownKey}': rnntui reports a key no plugin reads as a typing mistake, and cannot when a plugin reads every key");
            return $"an undefined key ('{UnknownKey}') is left unread, so rnntui can report it";
        });

        checks.Run("bad values", () =>
        {
            var cases = definitions.SelectMany(d => BadValues(d).Select(text => (d.Name, Text: text))).ToList();
            if (cases.Count == 0)
            {
                throw CheckList.Skip("it has no number, whole-number or true/false setting to give a bad value to");
            }

            var problems = new List<string>();
            string? example = null;
            foreach (var (name, text) in cases)
            {
                try
                {
                    create(Settings(values, (name, text)));
                    problems.Add($"{name} = {text} accepted");
                }
                catch (PluginInputException e)
                {
                    example ??= $"{name} = {text}: {e.Message.ReplaceLineEndings(" ")}";
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add($"{name} = {text} threw {CheckList.Describe(e)}");
                }
            }

            CheckList.Expect(problems.Count == 0, () => $"{string.Join("; ", problems)} (a bad value must throw PluginInputException naming the setting and the value)");
            return $"{cases.Count} bad values refused with PluginInputException, e.g. {example}";
        });
    }

    /// <summary>
    /// Values a setting must refuse: text that is not a number, a whole number or true/false, and the nearest values
    /// outside its declared range. Text, choice and path settings get none: any text may be right for them.
    /// </summary>
    private static IEnumerable<string> BadValues(SettingDefinition setting)
    {
        switch (setting.Kind)
        {
            case SettingKind.Number:
                yield return "not-a-number";
                if (setting.Minimum is { } min)
                {
                    yield return PluginSettings.Format(setting.MinimumIsExclusive ? min : Below(min));
                }

                if (setting.Maximum is { } max)
                {
                    yield return PluginSettings.Format(setting.MaximumIsExclusive ? max : -Below(-max));
                }

                break;
            case SettingKind.Integer:
                yield return "not-a-number";
                yield return "1.5";
                if (setting.Minimum is { } low && low > long.MinValue + 1.0)
                {
                    yield return ((long)(setting.MinimumIsExclusive ? Math.Floor(low) : Math.Ceiling(low) - 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (setting.Maximum is { } high && high < long.MaxValue - 1.0)
                {
                    yield return ((long)(setting.MaximumIsExclusive ? Math.Ceiling(high) : Math.Floor(high) + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                break;
            case SettingKind.Boolean:
                yield return "maybe";
                break;
        }
    }

    /// <summary>A round number below <paramref name="value"/> when there is one, else the next double down.</summary>
    private static double Below(double value) => value - 1 < value ? value - 1 : Math.BitDecrement(value);
}
