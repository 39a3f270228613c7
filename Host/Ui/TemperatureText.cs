using System.Globalization;

namespace RnnTui.Ui;

/// <summary>The sampling temperature as the status line, the playground and sample headings write it.</summary>
internal static class TemperatureText
{
    public static string Of(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);
}
