using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>One set of tests that every compute backend must pass.</summary>
public sealed class BackendTests
{
    public static TheoryData<string> Backends => ["managed", "simd"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void GradientCheck_SmallNetwork_MaxRelativeErrorBelow1e5(string backend)
    {
        // The report's setting: m = 5, seq_length = 25, sig = 0.01, every element checked.
        var text = Vocabulary.Of(TestData.SmallCorpus);
        var codes = text.Encode(TestData.SmallCorpus);
        var shape = new RnnShape(text.Count, 5);
        using var kernel = Catalog.Kernel(backend, shape, 25);
        var parameters = ParameterInitializer.Create(shape, 0.01, seed: 1);

        var result = GradientCheck.Run(kernel, parameters, codes.AsSpan(0, 25), codes.AsSpan(1, 25), new double[5], 1e-4, 1e-5);

        Assert.Equal(["U", "W", "V", "b", "c"], result.Errors.Select(e => e.Name));
        Assert.All(result.Errors, e => Assert.Equal(e.Total, e.Checked));
        Assert.All(result.Errors, e => Assert.True(e.Max < 1e-5, $"{e.Name}: max relative error {e.Max}"));
        Assert.True(result.Passed);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void GradientCheck_WrongGradient_Fails(string backend)
    {
        var text = Vocabulary.Of(TestData.SmallCorpus);
        var codes = text.Encode(TestData.SmallCorpus);
        var shape = new RnnShape(text.Count, 5);
        using var kernel = new OffByAFactor(Catalog.Kernel(backend, shape, 25), shape.W.Offset + 3, 1.001);
        var parameters = ParameterInitializer.Create(shape, 0.01, seed: 1);

        var result = GradientCheck.Run(kernel, parameters, codes.AsSpan(0, 25), codes.AsSpan(1, 25), new double[5], 1e-4, 1e-5);

        Assert.False(result.Passed);
        Assert.Equal("W", result.Worst.Name);
        Assert.InRange(result.Worst.Max, 9e-4, 1.1e-3);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Loss_UntrainedNetwork_WithinTwoPercentOfSeqLengthLnK(string backend)
    {
        var text = Vocabulary.Of(TestData.SmallCorpus);
        var codes = text.Encode(TestData.SmallCorpus);
        var shape = new RnnShape(text.Count, 100);
        using var kernel = Catalog.Kernel(backend, shape, 25);
        var parameters = ParameterInitializer.Create(shape, 0.01, seed: 7);

        var loss = kernel.Loss(parameters, codes.AsSpan(0, 25), codes.AsSpan(1, 25), new double[100]);

        var expected = 25 * Math.Log(text.Count);
        Assert.InRange(loss, expected * 0.98, expected * 1.02);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void LossAndStep_AgreeWithForwardBackward(string backend)
    {
        var text = Vocabulary.Of(TestData.SmallCorpus);
        var codes = text.Encode(TestData.SmallCorpus);
        var shape = new RnnShape(text.Count, 16);
        using var kernel = Catalog.Kernel(backend, shape, 25);
        var parameters = ParameterInitializer.Create(shape, 0.3, seed: 3);
        var start = Enumerable.Range(0, 16).Select(i => Math.Sin(i) * 0.5).ToArray();

        var hBackward = (double[])start.Clone();
        var loss = kernel.ForwardBackward(parameters, codes.AsSpan(5, 20), codes.AsSpan(6, 20), hBackward, new double[shape.ParameterCount]);
        var hForward = (double[])start.Clone();
        var forwardLoss = kernel.Loss(parameters, codes.AsSpan(5, 20), codes.AsSpan(6, 20), hForward);

        // The same sequence one character at a time through Step, with the loss from its scores.
        var hStep = (double[])start.Clone();
        var scores = new double[shape.VocabularySize];
        var probabilities = new double[shape.VocabularySize];
        var stepLoss = 0.0;
        for (var t = 0; t < 20; t++)
        {
            kernel.Step(parameters, codes[5 + t], hStep, scores);
            Sampler.Softmax(scores, 1.0, probabilities);
            stepLoss -= Math.Log(probabilities[codes[6 + t]]);
        }

        Assert.Equal(loss, forwardLoss, 1e-12);
        Assert.Equal(loss, stepLoss, 1e-10);
        Assert.Equal(hBackward, hForward);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(hBackward[i], hStep[i], 1e-14);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ForwardBackward_OneCharacterByHand(string backend)
    {
        // K = 2, m = 1, one step from h0 = 0.5 with every parameter written out:
        // a = w h0 + u_x + b, h = tanh(a), o = v h + c, p = softmax(o), loss = -ln p_y.
        var shape = new RnnShape(2, 1);
        double u0 = 0.3, u1 = -0.2, w = 0.7, v0 = 0.4, v1 = -0.6, b = 0.1, c0 = 0.05, c1 = -0.05;
        double[] parameters = [u0, u1, w, v0, v1, b, c0, c1];
        using var kernel = Catalog.Kernel(backend, shape, 4);
        double[] h = [0.5];
        var gradients = new double[shape.ParameterCount];

        var loss = kernel.ForwardBackward(parameters, [1], [0], h, gradients);

        var a = (w * 0.5) + u1 + b;
        var hh = Math.Tanh(a);
        double o0 = (v0 * hh) + c0, o1 = (v1 * hh) + c1;
        var p0 = Math.Exp(o0) / (Math.Exp(o0) + Math.Exp(o1));
        var p1 = 1 - p0;
        Assert.Equal(-Math.Log(p0), loss, 1e-14);
        Assert.Equal(hh, h[0], 1e-15);
        double g0 = p0 - 1, g1 = p1;
        var ga = ((v0 * g0) + (v1 * g1)) * (1 - (hh * hh));
        double[] expected = [0, ga, ga * 0.5, g0 * hh, g1 * hh, ga, g0, g1];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], gradients[i], 1e-14);
        }
    }

    /// <summary>A kernel whose analytic gradient is wrong in one element, to show the check catches it.</summary>
    private sealed class OffByAFactor(IRnnKernel inner, int index, double factor) : DelegatingKernel(inner)
    {
        public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
        {
            var loss = Inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
            gradients[index] *= factor;
            return loss;
        }
    }
}
