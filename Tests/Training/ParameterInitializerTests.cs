using MathNet.Numerics.Distributions;
using RnnTui.Contracts;
using RnnTui.Settings;
using RnnTui.Tests.Optimizers;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>
/// The initialisations of <c>Model:Init</c>: the assignment's N(0, sig^2) unchanged, Glorot's variance, an orthogonal
/// W, all seeded and drawn by the host so that every backend starts from the same network.
/// </summary>
public sealed class ParameterInitializerTests
{
    private static readonly RnnShape Shape = new(65, 100);

    [Fact]
    public void Normal_IsTheAssignmentsDraw_BitIdentical()
    {
        // The draw as it was before Model:Init existed: N(0, sig^2) for U, W, V in buffer order, b and c zero.
        var expected = new double[Shape.ParameterCount];
        var random = new Xoshiro256(3);
        for (var i = 0; i < Shape.B.Offset; i++)
        {
            expected[i] = Normal.Sample(random, 0.0, 0.01);
        }

        BitAssert.Equal(expected, ParameterInitializer.Create(Shape, 0.01, 3, ModelSettings.Normal), "normal");
        BitAssert.Equal(expected, ParameterInitializer.Create(Shape, 0.01, 3), "the default");
    }

    [Fact]
    public void Xavier_EachMatrixHasGlorotsVariance_BiasesZero()
    {
        var parameters = ParameterInitializer.Create(Shape, 0.01, 1, ModelSettings.Xavier);

        var (m, k) = (Shape.HiddenSize, Shape.VocabularySize);
        AssertVariance(parameters, Shape.U, 2.0 / (k + m));
        AssertVariance(parameters, Shape.W, 1.0 / m);
        AssertVariance(parameters, Shape.V, 2.0 / (k + m));
        Assert.All(parameters[Shape.B.Offset..], p => Assert.Equal(0.0, p));
    }

    [Fact]
    public void Orthogonal_WTimesWTransposeIsTheIdentity_UAndVAsXavier()
    {
        var parameters = ParameterInitializer.Create(Shape, 0.01, 1, ModelSettings.Orthogonal);
        var xavier = ParameterInitializer.Create(Shape, 0.01, 1, ModelSettings.Xavier);

        var m = Shape.HiddenSize;
        var w = parameters.AsSpan(Shape.W.Offset, m * m);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var dot = 0.0;
                for (var l = 0; l < m; l++)
                {
                    dot += w[i * m + l] * w[j * m + l];
                }

                Assert.True(Math.Abs(dot - (i == j ? 1.0 : 0.0)) < 1e-12, $"(W W^T)[{i}, {j}] = {dot:R}");
            }
        }

        BitAssert.Equal(xavier[Shape.U.Offset..Shape.U.End], parameters[Shape.U.Offset..Shape.U.End], "U");
        BitAssert.Equal(xavier[Shape.V.Offset..Shape.V.End], parameters[Shape.V.Offset..Shape.V.End], "V");
        Assert.All(parameters[Shape.B.Offset..], p => Assert.Equal(0.0, p));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("xavier")]
    [InlineData("orthogonal")]
    public void EveryInit_SameSeedSameNetwork_OtherSeedAnother(string init)
    {
        var first = ParameterInitializer.Create(Shape, 0.01, 5, init);

        BitAssert.Equal(first, ParameterInitializer.Create(Shape, 0.01, 5, init), init);
        Assert.NotEqual(first, ParameterInitializer.Create(Shape, 0.01, 6, init));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("xavier")]
    [InlineData("orthogonal")]
    public void EveryInit_EveryBackendStartsFromTheSameNetwork(string init)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        double[]? first = null;
        foreach (var backend in new[] { "managed", "simd" })
        {
            using var setup = TrainingSetup.Create(TestData.Settings("--corpus", corpus, "--backend", backend, "--hidden", "16", "--init", init), Catalog.Instance);
            first ??= setup.InitialParameters;
            BitAssert.Equal(first, setup.InitialParameters, $"{init} on {backend}");
        }

        var expected = ParameterInitializer.Create(new RnnShape(Vocabulary.Of(TestData.SmallCorpus).Count, 16), 0.01, 1, init);
        BitAssert.Equal(expected, first!, init);
    }

    [Fact]
    public void UnknownInit_RefusedNamingTheChoices()
    {
        var error = Assert.Throws<UsageException>(() => TestData.Settings("--init", "uniform"));

        Assert.Equal("--init must be one of normal, xavier, orthogonal, was 'uniform'", error.Message);
    }

    private static void AssertVariance(double[] parameters, ParameterSegment segment, double expected)
    {
        var values = parameters[segment.Offset..segment.End];
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.True(Math.Abs(mean) < 0.05 * Math.Sqrt(expected), $"{segment.Name}: mean {mean:R}");
        Assert.True(Math.Abs(variance / expected - 1) < 0.05, $"{segment.Name}: variance {variance:R}, expected {expected:R}");
    }
}
