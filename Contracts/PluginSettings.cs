using System.Globalization;

namespace RnnTui.Contracts;

/// <summary>
/// The settings a plugin receives, as text keyed by name (case-insensitive), with typed readers that reject a bad
/// value naming the setting. The host reports a key that no reader asked for as unknown.
/// </summary>
public sealed class PluginSettings
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates settings from name/value pairs.</summary>
    public PluginSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }
    }

    /// <summary>Settings with no values: every reader returns its default.</summary>
    public static PluginSettings Empty => new([]);

    /// <summary>The keys present, in no particular order.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>The keys present that no reader has asked for so far.</summary>
    public IEnumerable<string> UnreadKeys => _values.Keys.Where(k => !_read.Contains(k));

    /// <summary>The raw text of a setting, or null when it is absent.</summary>
    public string? GetString(string key)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>A number, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not a finite number.</exception>
    public double GetDouble(string key, double defaultValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new PluginInputException($"{key} must be a number, was '{text}'");
        }

        return value;
    }

    /// <summary>A number that must be strictly positive, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not a number or not &gt; 0.</exception>
    public double GetPositiveDouble(string key, double defaultValue)
    {
        var value = GetDouble(key, defaultValue);
        return value > 0 ? value : throw new PluginInputException($"{key} must be > 0, was {Format(value)}");
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not a number or out of range.</exception>
    public double GetDoubleInRange(string key, double defaultValue, double min, double max)
    {
        var value = GetDouble(key, defaultValue);
        return value >= min && value <= max
            ? value
            : throw new PluginInputException($"{key} must be between {Format(min)} and {Format(max)}, was {Format(value)}");
    }

    /// <summary>A whole number, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not a whole number.</exception>
    public long GetInteger(string key, long defaultValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PluginInputException($"{key} must be a whole number, was '{text}'");
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not a whole number or out of range.</exception>
    public long GetIntegerInRange(string key, long defaultValue, long min, long max)
    {
        var value = GetInteger(key, defaultValue);
        return value >= min && value <= max
            ? value
            : throw new PluginInputException($"{key} must be between {min} and {max}, was {value}");
    }

    /// <summary>A text, or <paramref name="defaultValue"/> when absent.</summary>
    public string GetText(string key, string defaultValue) => GetString(key) ?? defaultValue;

    /// <summary>
    /// A path made absolute (the host already resolves a relative path against the settings file's folder, or the
    /// current folder for one typed on the command line), or null when absent or empty.
    /// </summary>
    public string? GetPath(string key)
    {
        var text = GetString(key);
        return string.IsNullOrWhiteSpace(text) ? null : System.IO.Path.GetFullPath(text);
    }

    /// <summary>A true/false switch, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="PluginInputException">The value is not true or false.</exception>
    public bool GetBoolean(string key, bool defaultValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return defaultValue;
        }

        return bool.TryParse(text, out var value) ? value : throw new PluginInputException($"{key} must be true or false, was '{text}'");
    }

    /// <summary>Formats a number the way messages show it: invariant culture, shortest round-trip form.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
