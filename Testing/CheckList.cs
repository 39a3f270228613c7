namespace RnnTui.Testing;

/// <summary>
/// The checks of one plugin as they run: each is a function that returns what it saw when the plugin passes, and calls
/// <see cref="Fail"/> or <see cref="Skip"/> otherwise. Whatever the plugin throws fails only the check it was thrown in.
/// </summary>
internal sealed class CheckList
{
    private readonly List<ConformanceResult> _results = [];

    public IReadOnlyList<ConformanceResult> Results => _results;

    /// <summary>Runs one check and records its outcome.</summary>
    /// <param name="check">Its name, e.g. <c>zero gradients</c>.</param>
    /// <param name="body">The check; returns the detail of a pass.</param>
    public void Run(string check, Func<string> body)
    {
        try
        {
            _results.Add(new ConformanceResult(check, ConformanceOutcome.Pass, body()));
        }
        catch (Outcome outcome)
        {
            _results.Add(new ConformanceResult(check, outcome.Kind, outcome.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _results.Add(new ConformanceResult(check, ConformanceOutcome.Fail, $"threw {Describe(e)}"));
        }
    }

    /// <summary>Records a check that does not apply, with why.</summary>
    public void Skipped(string check, string why) => _results.Add(new ConformanceResult(check, ConformanceOutcome.Skip, why));

    public ConformanceReport Report(string kind, string name) => new(kind, name, [.. _results]);

    /// <summary>Ends the running check as failed; it never returns, and is written <c>throw CheckList.Fail(...)</c> so that the compiler sees the end.</summary>
    public static Exception Fail(string detail) => throw new Outcome(ConformanceOutcome.Fail, detail);

    /// <summary>Ends the running check as not applying, like <see cref="Fail"/>.</summary>
    public static Exception Skip(string why) => throw new Outcome(ConformanceOutcome.Skip, why);

    /// <summary>Fails the running check unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, Func<string> detail)
    {
        if (!condition)
        {
            Fail(detail());
        }
    }

    /// <summary>
    /// Makes calls that a plugin must refuse with an <see cref="ArgumentException"/>, and says of each that it did not:
    /// <c>a batch of 0 accepted</c>, <c>... threw DivideByZeroException: ...</c>.
    /// </summary>
    public static List<string> NotRefused(IEnumerable<(string What, Action Call)> calls)
    {
        var problems = new List<string>();
        foreach (var (what, call) in calls)
        {
            try
            {
                call();
                problems.Add($"{what} accepted");
            }
            catch (ArgumentException)
            {
                // Refused, as it should be.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add($"{what} threw {Describe(e)}");
            }
        }

        return problems;
    }

    /// <summary>An exception as one line: its type and message.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").Trim()}";

    private sealed class Outcome(ConformanceOutcome kind, string message) : Exception(message)
    {
        public ConformanceOutcome Kind { get; } = kind;
    }
}
