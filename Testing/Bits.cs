namespace RnnTui.Testing;

/// <summary>Comparing buffers to the bit, as resuming and the host's undo of a failed step need.</summary>
internal static class Bits
{
    /// <summary>The first index at which the two differ in any bit (or in length), or -1 when they are identical.</summary>
    public static int FirstDifference(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        var length = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                return i;
            }
        }

        return expected.Length == actual.Length ? -1 : length;
    }

    /// <summary>Element <paramref name="index"/> of each, for messages: <c>element 12: 0.25 then 0.2500000001</c>.</summary>
    public static string Show(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int index) =>
        index < expected.Length && index < actual.Length
            ? $"element {index}: {expected[index]:R} vs {actual[index]:R}"
            : $"lengths {expected.Length} vs {actual.Length}";
}
