namespace RnnTui.Tests.Training;

/// <summary>How the backend agreement tests hold one computation's numbers to another's: to a relative 1e-10 by default.</summary>
internal static class Agreement
{
    public const double Tolerance = 1e-10;

    public static void AssertClose(double expected, double actual, string what, double tolerance = Tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), Math.Abs(actual)), $"{what}: {expected:R} vs {actual:R}");

    /// <summary>
    /// Element by element to a relative tolerance, measured against the larger of the element and a thousandth of the
    /// largest element, so that an element that is a near-cancellation of large terms is judged on the terms' scale.
    /// </summary>
    public static void AssertClose(double[] expected, double[] actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Select(Math.Abs).DefaultIfEmpty(0).Max() * 1e-3;
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = tolerance * Math.Max(Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])), scale);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
