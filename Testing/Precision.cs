namespace RnnTui.Testing;

/// <summary>
/// How closely a kernel that computes in an element type must agree with float64: <c>f64</c> to a relative 1e-10 of
/// each element (or of a thousandth of the largest, so that an element that is a near-cancellation of large terms is
/// judged on their scale), <c>f32</c> to 1e-4 of the largest element, since float32 keeps about seven digits of it.
/// </summary>
/// <param name="ElementType">The kernel's <c>ElementType</c>.</param>
/// <param name="Tolerance">The relative tolerance.</param>
/// <param name="Floor">The fraction of the largest element below which an element is judged on that scale.</param>
internal sealed record Precision(string ElementType, double Tolerance, double Floor)
{
    /// <summary>The precision of an element type, or null for one the checks do not know.</summary>
    public static Precision? Of(string elementType) => elementType switch
    {
        "f64" => new Precision("f64", 1e-10, 1e-3),
        "f32" => new Precision("f32", 1e-4, 1),
        _ => null,
    };

    /// <summary>In words, for the report.</summary>
    public string Describe => ElementType == "f64" ? "a relative 1e-10" : "1e-4 of the largest element";

    /// <summary>Fails the running check unless two numbers agree.</summary>
    public void Expect(double expected, double actual, string what)
    {
        var bound = Tolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
        CheckList.Expect(Math.Abs(expected - actual) <= bound, () => $"{what}: {expected:R} expected, {actual:R} computed");
    }

    /// <summary>Fails the running check unless two vectors agree element by element.</summary>
    public void Expect(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        var (lengthExpected, length) = (expected.Length, actual.Length);
        CheckList.Expect(lengthExpected == length, () => $"{what}: {lengthExpected} elements expected, {length} computed");
        var largest = 0.0;
        foreach (var value in expected)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        var scale = largest * Floor;
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = Tolerance * Math.Max(Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])), scale);
            if (!(Math.Abs(expected[i] - actual[i]) <= bound))
            {
                throw CheckList.Fail($"{what}, element {i}: {expected[i]:R} expected, {actual[i]:R} computed (largest element {largest:R})");
            }
        }
    }
}
