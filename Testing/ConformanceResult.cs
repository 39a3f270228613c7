namespace RnnTui.Testing;

/// <summary>The outcome of one conformance check.</summary>
/// <param name="Check">What was checked, e.g. <c>zero gradients</c>.</param>
/// <param name="Outcome">Pass, fail or skip.</param>
/// <param name="Detail">What was seen, in one line: the figures of a pass, what went wrong in a failure, why a check was skipped.</param>
public sealed record ConformanceResult(string Check, ConformanceOutcome Outcome, string Detail)
{
    /// <summary>The result as <c>rnntui plugins check</c> prints it: <c>PASS  zero gradients: ...</c>.</summary>
    public override string ToString() => $"{Label(Outcome)}  {Check}: {Detail}";

    private static string Label(ConformanceOutcome outcome) => outcome switch
    {
        ConformanceOutcome.Pass => "PASS",
        ConformanceOutcome.Fail => "FAIL",
        _ => "SKIP",
    };
}
