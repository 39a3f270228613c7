using RnnTui.Contracts;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Optimizers;

public sealed class AdamTests
{
    /// <summary>
    /// Numbers near 1 after about ten roundings differ from the exact ones by a few units in the last place (2.2e-16);
    /// 1e-14 allows for that and nothing more.
    /// </summary>
    private const double Rounding = 1e-14;

    [Fact]
    public void TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("adam", 3, ("eta", "0.1"), ("beta1", "0.9"), ("beta2", "0.999"), ("epsilon", "1e-8"));
        double[] parameters = [1.0, -2.0, 0.5];

        // Step 1, g = [0.5, -1, 0]: m = 0.1 g = [0.05, -0.1, 0]; v = 0.001 g^2 = [0.00025, 0.001, 0].
        // Bias-corrected: mhat = m / (1 - 0.9) = g, vhat = v / (1 - 0.999) = g^2, so each step is eta g / (|g| + 1e-8):
        // 1 - 0.1 * 0.5 / 0.50000001 = 0.900000002; -2 + 0.1 / 1.00000001 = -1.900000001; 0.5 - 0 / 1e-8 = 0.5.
        optimizer.Step(parameters, [0.5, -1.0, 0.0]);
        Assert.Equal(0.90000000199999996, parameters[0], Rounding);
        Assert.Equal(-1.90000000099999999, parameters[1], Rounding);
        Assert.Equal(0.5, parameters[2]);

        // Step 2, g = [0.5, 1, 2]: m = 0.9 m + 0.1 g = [0.095, 0.01, 0.2]; v = 0.999 v + 0.001 g^2 = [0.00049975, 0.001999, 0.004].
        // 1 - 0.9^2 = 0.19, 1 - 0.999^2 = 0.001999: mhat = [0.5, 1/19, 20/19], vhat = [0.25, 1, 2.001000500...].
        // [0]: 0.900000002 - 0.1 * 0.5 / (0.5 + 1e-8) = 0.800000004
        // [1]: -1.900000001 - 0.1 * (1/19) / (1 + 1e-8) = -1.900000001 - 0.00526315784210... = -1.90526315884210...
        // [2]: 0.5 - 0.1 * (20/19) / (sqrt(2.0010005) + 1e-8) = 0.5 - 0.105263157894... / 1.414567... = 0.42558631816935...
        optimizer.Step(parameters, [0.5, 1.0, 2.0]);
        Assert.Equal(0.80000000399999992, parameters[0], Rounding);
        Assert.Equal(-1.90526315884210525, parameters[1], Rounding);
        Assert.Equal(0.42558631816935389, parameters[2], Rounding);

        // The state: both moments, and the step count t = 2 that the bias correction of the next step needs.
        Assert.Equal(["firstMoment", "secondMoment", "step"], optimizer.State.Select(b => b.Name));
        Near([0.095, 0.01, 0.2], optimizer.State[0].Values);
        Near([0.00049975, 0.001999, 0.004], optimizer.State[1].Values);
        Assert.Equal([2.0], optimizer.State[2].Values);
    }

    [Fact]
    public void WeightDecay_IsDecoupled_ShrinkingTheParameterByEtaLambda()
    {
        var optimizer = Catalog.Optimizer("adam", 2, ("eta", "0.1"), ("weightDecay", "0.5"));
        double[] parameters = [1.0, -2.0];

        // AdamW: theta (1 - eta lambda) - eta mhat / (sqrt(vhat) + eps), the decay outside the adaptive scaling:
        // [0]: 1 * (1 - 0.05) - 0.1 * 0.5 / 0.50000001 = 0.95 - 0.099999998 = 0.850000002
        // [1]: a zero gradient still decays it: -2 * 0.95 - 0 = -1.9
        optimizer.Step(parameters, [0.5, 0.0]);

        Assert.Equal(0.850000002, parameters[0], Rounding);
        Assert.Equal(-1.9, parameters[1], Rounding);
    }

    [Fact]
    public void EpsilonIsAddedOutsideTheSquareRoot()
    {
        // With a tiny gradient, sqrt(vhat) = |g| = 1e-12 and epsilon = 1e-6 dominates the denominator:
        // outside, the step is eta g / (1e-12 + 1e-6) = 0.1 * 1e-12 / 1.000001e-6 = 9.99999e-8;
        // inside, it would be eta g / sqrt(1e-24 + 1e-6) = 0.1 * 1e-12 / 1e-3 = 1e-10.
        var optimizer = Catalog.Optimizer("adam", 1, ("eta", "0.1"), ("epsilon", "1e-6"));
        double[] parameters = [0.0];

        optimizer.Step(parameters, [1e-12]);

        Assert.Equal(-9.99999000001e-8, parameters[0], 1e-20);
    }

    [Fact]
    public void ThreeSteps_EveryVectorRemainder_BitIdenticalToTheScalarReference()
    {
        foreach (var weightDecay in new[] { 0.0, 0.1 })
        {
            for (var n = 0; n <= 33; n++)
            {
                var optimizer = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(
                    "adam", n, ("eta", "0.01"), ("beta1", "0.8"), ("beta2", "0.99"), ("epsilon", "1e-7"), ("weightDecay", weightDecay.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
                var reference = new Reference(n, beta1: 0.8, beta2: 0.99, epsilon: 1e-7, weightDecay);
                var parameters = OptimizerVariants.Parameters(n);
                var expected = (double[])parameters.Clone();
                for (var step = 0; step < 3; step++)
                {
                    // The host's schedules change the rate between steps; each step must use the one set.
                    var rate = 0.01 * (step + 1) / 3;
                    ((ILearningRateOptimizer)optimizer).LearningRate = rate;
                    var gradients = OptimizerVariants.Gradients(n, step);

                    optimizer.Step(parameters, parameters, gradients, 5.0);
                    reference.Step(expected, gradients, rate, 5.0);

                    BitAssert.Equal(expected, parameters, $"n = {n}, weight decay {weightDecay}, step {step + 1}");
                }

                BitAssert.Equal(reference.M, optimizer.State[0].Values);
                BitAssert.Equal(reference.V, optimizer.State[1].Values);
                Assert.Equal([3.0], optimizer.State[2].Values);
            }
        }
    }

    [Theory]
    [InlineData("eta", "0", "eta must be > 0, was 0")]
    [InlineData("eta", "fast", "eta must be a number, was 'fast'")]
    [InlineData("beta1", "1", "beta1 must be >= 0 and < 1, was 1")]
    [InlineData("beta2", "-0.1", "beta2 must be >= 0 and < 1, was -0.1")]
    [InlineData("epsilon", "0", "epsilon must be > 0, was 0")]
    [InlineData("weightDecay", "-1", "weightDecay must be >= 0, was -1")]
    public void BadSetting_RejectedNamingTheValue(string key, string value, string message)
    {
        var error = Assert.Throws<PluginInputException>(() => Catalog.Optimizer("adam", 4, (key, value)));

        Assert.Equal(message, error.Message);
    }

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Rounding);
        }
    }

    /// <summary>Adam as the paper writes it, one element at a time, in the plugin's order of operations.</summary>
    private sealed class Reference(int count, double beta1, double beta2, double epsilon, double weightDecay)
    {
        private int _t;

        public double[] M { get; } = new double[count];

        public double[] V { get; } = new double[count];

        public void Step(double[] parameters, double[] gradients, double eta, double clip)
        {
            _t++;
            var stepSize = eta / (1 - Math.Pow(beta1, _t));
            var rootBias2 = Math.Sqrt(1 - Math.Pow(beta2, _t));
            var shrink = 1 - (eta * weightDecay);
            for (var i = 0; i < parameters.Length; i++)
            {
                var g = Math.Clamp(gradients[i], -clip, clip);
                M[i] = (beta1 * M[i]) + ((1 - beta1) * g);
                V[i] = (beta2 * V[i]) + ((1 - beta2) * (g * g));
                parameters[i] = (parameters[i] * shrink) - (stepSize * (M[i] / ((Math.Sqrt(V[i]) / rootBias2) + epsilon)));
            }
        }
    }
}
