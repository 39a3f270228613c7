namespace RnnTui.Tests.Optimizers;

/// <summary>Equality to the bit: unlike <c>Assert.Equal</c> on doubles, 0 and -0 differ, as do two NaNs with other payloads.</summary>
internal static class BitAssert
{
    public static void Equal(IEnumerable<double> expected, IEnumerable<double> actual, string because = "")
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.True(e.Length == a.Length, $"{because}: {e.Length} elements expected, {a.Length} found");
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]),
                $"{because}: element {i} is {a[i]:R}, expected {e[i]:R}");
        }
    }
}
