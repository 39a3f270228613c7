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
    public string Describe => ElementType == "f64" ? $"a relative {Tolerance:0e+0}" : $"{Tolerance:0e+0} of the largest element";

    /// <summary>Fails the running check unless two numbers agree.</summary>
    /// <returns>Their relative difference, for a report of the largest seen.</returns>
    public double Expect(double expected, double actual, string what)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        CheckList.Expect(Math.Abs(expected - actual) <= Tolerance * scale, () => $"{what}: {expected:R} expected, {actual:R} computed");
        return Relative(expected, actual, scale);
    }

    /// <summary>Fails the running check unless two vectors agree element by element.</summary>
    /// <returns>The largest relative difference of an element, on the scale it is judged on, for a report of the largest seen.</returns>
    public double Expect(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what) => Expect(expected, actual, [], what);

    /// <summary>
    /// Fails the running check unless two sums over sequences agree element by element, each judged on at least
    /// <paramref name="sizes"/>' element, the sizes of its terms: where the sequences' gradients cancel (two characters'
    /// output biases, +0.3 and -0.28 summing to 0.02), float32 loses the digits the cancellation takes, in whichever
    /// order a kernel adds, and the difference of two orders is only small next to the terms.
    /// </summary>
    /// <returns>The largest relative difference of an element, on the scale it is judged on.</returns>
    public double Expect(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, ReadOnlySpan<double> sizes, string what)
    {
        var (lengthExpected, length) = (expected.Length, actual.Length);
        CheckList.Expect(lengthExpected == length, () => $"{what}: {lengthExpected} elements expected, {length} computed");
        var largest = 0.0;
        foreach (var value in expected)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        var floor = largest * Floor;
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = Math.Max(Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])), Math.Max(floor, i < sizes.Length ? sizes[i] : 0));
            if (!(Math.Abs(expected[i] - actual[i]) <= Tolerance * scale))
            {
                throw CheckList.Fail($"{what}, element {i}: {expected[i]:R} expected, {actual[i]:R} computed (largest element {largest:R})");
            }

            worst = Math.Max(worst, Relative(expected[i], actual[i], scale));
        }

        return worst;
    }

    /// <summary>|expected - actual| on <paramref name="scale"/>; 0 when both are 0.</summary>
    private static double Relative(double expected, double actual, double scale) => scale == 0 ? 0 : Math.Abs(expected - actual) / scale;
}
