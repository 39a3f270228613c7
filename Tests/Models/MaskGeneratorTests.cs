using RnnTui.Models.Gated;

namespace RnnTui.Tests.Models;

/// <summary>
/// The dropout masks drawn several at a time are the masks drawn one by one: element i is dropped exactly when the i-th
/// number of the seed's sequence is below p, in float64 and float32 and for lengths with every remainder.
/// </summary>
public sealed class MaskGeneratorTests
{
    public static TheoryData<double, int> Cases()
    {
        var cases = new TheoryData<double, int>();
        foreach (var dropout in new[] { 0.0, 0.1, 0.25, 0.4, 0.5, 0.9 })
        {
            foreach (var length in new[] { 1, 3, 4, 7, 8, 9, 17, 1000 })
            {
                cases.Add(dropout, length);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FillMask_IsTheOneByOneDefinition_InBothPrecisions(double dropout, int length)
    {
        var (expected, kept) = (new double[length + 1], 1.0 / (1.0 - dropout));
        var oneByOne = default(MaskGenerator);
        oneByOne.Reseed(12345);
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = oneByOne.NextDouble() < dropout ? 0 : kept;
        }

        var doubles = new double[length];
        var singles = new float[length];
        var (first, second) = (default(MaskGenerator), default(MaskGenerator));
        first.Reseed(12345);
        second.Reseed(12345);
        first.FillMask<double>(doubles, dropout);
        second.FillMask<float>(singles, dropout);

        Assert.Equal(expected[..length], doubles);
        Assert.Equal(expected[..length].Select(value => (float)value), singles);
        // The generator moved on by exactly one number per element.
        Assert.Equal(expected[length] == 0, first.NextDouble() < dropout);
    }

    [Fact]
    public void FillMask_DropsAboutP()
    {
        var generator = default(MaskGenerator);
        generator.Reseed(7);
        var mask = new float[100_000];

        generator.FillMask<float>(mask, 0.4);

        // 40,000 expected; the standard deviation of the count is sqrt(n p (1 - p)) = 155.
        Assert.InRange(mask.Count(value => value == 0), 39_300, 40_700);
        Assert.All(mask, value => Assert.True(value == 0 || value == (float)(1 / 0.6)));
    }
}
