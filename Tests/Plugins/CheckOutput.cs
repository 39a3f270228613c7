using System.Text.RegularExpressions;

namespace RnnTui.Tests.Plugins;

/// <summary>The output of <c>rnntui plugins check</c>: a header, a line per check, a summary.</summary>
internal static partial class CheckOutput
{
    /// <summary>Each check's outcome and name, e.g. <c>PASS resume</c>, in order.</summary>
    public static string[] Outcomes(string output) =>
        [.. output.Split('\n').Select(l => CheckLine().Match(l)).Where(m => m.Success).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")];

    /// <summary>The checks that failed.</summary>
    public static string[] Failed(string output) => [.. Outcomes(output).Where(o => o.StartsWith("FAIL ", StringComparison.Ordinal)).Select(o => o[5..])];

    /// <summary>The detail of one check's line.</summary>
    public static string Detail(string output, string check) =>
        output.Split('\n').Select(l => CheckLine().Match(l)).First(m => m.Success && m.Groups[2].Value == check).Groups[3].Value;

    [GeneratedRegex("^(PASS|FAIL|SKIP)  ([^:]+): (.*)$")]
    private static partial Regex CheckLine();
}
