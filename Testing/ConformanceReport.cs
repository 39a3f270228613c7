namespace RnnTui.Testing;

/// <summary>The results of putting one plugin through the conformance checks.</summary>
public sealed class ConformanceReport
{
    internal ConformanceReport(string kind, string name, IReadOnlyList<ConformanceResult> results)
    {
        Kind = kind;
        Name = name;
        Results = results;
    }

    /// <summary>What the plugin is: <c>optimizer</c>, <c>backend</c>, <c>corpus</c> or <c>model</c>.</summary>
    public string Kind { get; }

    /// <summary>The plugin's name, from its <c>[Plugin]</c> attribute (its type's name when it has none).</summary>
    public string Name { get; }

    /// <summary>One result per check, in the order they ran.</summary>
    public IReadOnlyList<ConformanceResult> Results { get; }

    /// <summary>True when no check failed (skipped checks do not fail a plugin).</summary>
    public bool Passed => Results.All(r => r.Outcome != ConformanceOutcome.Fail);

    /// <summary>
    /// Writes one line per check (<c>PASS  check: detail</c>, <c>FAIL  ...</c> or <c>SKIP  ...</c>), then a summary line,
    /// e.g. <c>optimizer adagrad conforms: 9 passed, 0 failed, 1 skipped</c>.
    /// </summary>
    /// <param name="output">Where the lines go.</param>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var result in Results)
        {
            output.WriteLine(result.ToString());
        }

        output.WriteLine(Summary);
    }

    /// <summary>Throws a <see cref="ConformanceException"/> whose message is every line of the report when a check failed; for tests.</summary>
    /// <exception cref="ConformanceException">A check failed.</exception>
    public void ThrowIfFailed()
    {
        if (Passed)
        {
            return;
        }

        using var text = new StringWriter { NewLine = "\n" };
        WriteTo(text);
        throw new ConformanceException(text.ToString().TrimEnd('\n'));
    }

    private string Summary
    {
        get
        {
            var failed = Results.Count(r => r.Outcome == ConformanceOutcome.Fail);
            var passed = Results.Count(r => r.Outcome == ConformanceOutcome.Pass);
            var skipped = Results.Count - failed - passed;
            var verdict = failed == 0 ? "conforms" : "does not conform";
            return $"{Kind} {Name} {verdict}: {passed} passed, {failed} failed, {skipped} skipped";
        }
    }
}
