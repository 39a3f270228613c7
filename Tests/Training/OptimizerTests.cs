using RnnTui.Contracts;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void AdaGrad_OneStep_MatchesHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("adagrad", 3, ("eta", "0.1"), ("epsilon", "1e-8"));
        double[] parameters = [1.0, -2.0, 0.5];
        double[] gradients = [0.5, -1.0, 0.0];

        optimizer.Step(parameters, gradients);

        // G = g^2 = [0.25, 1, 0]; theta -= 0.1 g / sqrt(G + 1e-8).
        Assert.Equal(1.0 - (0.05 / Math.Sqrt(0.25000001)), parameters[0], 1e-15);
        Assert.Equal(0.900000002, parameters[0], 1e-9);
        Assert.Equal(-2.0 + (0.1 / Math.Sqrt(1.00000001)), parameters[1], 1e-15);
        Assert.Equal(0.5, parameters[2]);
        Assert.Equal([0.25, 1.0, 0.0], optimizer.State.Single(b => b.Name == "sumSquares").Values);
    }

    [Fact]
    public void AdaGrad_TwoStepsOnEveryVectorRemainder_MatchScalarFormula()
    {
        for (var n = 0; n <= 37; n++)
        {
            var optimizer = Catalog.Optimizer("adagrad", n, ("eta", "0.05"));
            var parameters = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
            var expected = (double[])parameters.Clone();
            var sums = new double[n];
            for (var step = 0; step < 2; step++)
            {
                var gradients = Enumerable.Range(0, n).Select(i => Math.Sin((i * 3) + step) * 4).ToArray();
                optimizer.Step(parameters, gradients);
                for (var i = 0; i < n; i++)
                {
                    sums[i] += gradients[i] * gradients[i];
                    expected[i] -= 0.05 * gradients[i] / Math.Sqrt(sums[i] + 1e-8);
                }
            }

            Assert.Equal(expected, parameters);
        }
    }

    [Fact]
    public void Sgd_OneStepWithoutMomentum_MatchesHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("sgd", 3, ("eta", "0.1"), ("momentum", "0"));
        double[] parameters = [1.0, -2.0, 0.5];

        optimizer.Step(parameters, [0.5, -1.0, 0.0]);

        Assert.Equal([0.95, -1.9, 0.5], parameters);
        Assert.Empty(optimizer.State);
    }

    [Fact]
    public void Sgd_TwoStepsWithMomentum_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("sgd", 5, ("eta", "0.1"), ("momentum", "0.9"));
        double[] parameters = [1.0, 1.0, 1.0, 1.0, 1.0];

        optimizer.Step(parameters, [1.0, 2.0, 0.0, -1.0, 10.0]);
        optimizer.Step(parameters, [1.0, 0.0, 1.0, 1.0, 0.0]);

        // v1 = g1; v2 = 0.9 g1 + g2; theta = 1 - 0.1 (v1 + v2).
        var v2 = new[] { 1.9, 1.8, 1.0, 0.1, 9.0 };
        double[] expected = [1 - (0.1 * (1 + v2[0])), 1 - (0.1 * (2 + v2[1])), 1 - (0.1 * v2[2]), 1 - (0.1 * (-1 + v2[3])), 1 - (0.1 * (10 + v2[4]))];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], parameters[i], 1e-14);
        }

        Assert.Equal(v2, optimizer.State.Single(b => b.Name == "velocity").Values.Select(x => Math.Round(x, 12)));
    }

    [Theory]
    [InlineData("adagrad", "0")]
    [InlineData("sgd", "0")]
    [InlineData("sgd", "0.9")]
    public void ClippingStep_EveryVectorRemainder_IsBitIdenticalToClampingThenStepping(string name, string momentum)
    {
        var settings = name == "sgd" ? new[] { ("eta", "0.05"), ("momentum", momentum) } : [("eta", "0.05")];
        for (var n = 0; n <= 37; n++)
        {
            var clipping = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(name, n, settings));
            var plain = Catalog.Optimizer(name, n, settings);
            var parameters = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                // Elements beyond the limit on both sides, exact zeros (which AdaGrad skips) and the limit itself.
                var gradients = Enumerable.Range(0, n).Select(i => i % 7 == 3 ? 0.0 : i % 11 == 5 ? -5.0 : Math.Sin((i * 3) + step) * 9).ToArray();
                var untouched = (double[])gradients.Clone();
                clipping.Step(parameters, parameters, gradients, 5.0);
                Assert.Equal(untouched, gradients);

                var clamped = gradients.Select(g => Math.Clamp(g, -5.0, 5.0)).ToArray();
                plain.Step(expected, clamped);
                Assert.Equal(expected, parameters);
            }

            Assert.Equal(plain.State.Select(b => b.Values.ToArray()), clipping.State.Select(b => b.Values.ToArray()));
        }
    }

    [Theory]
    [InlineData("adagrad", "0")]
    [InlineData("sgd", "0")]
    [InlineData("sgd", "0.9")]
    public void ClippingStep_IntoAnotherBuffer_WritesEveryElementAndLeavesTheOriginal(string name, string momentum)
    {
        var settings = name == "sgd" ? new[] { ("eta", "0.05"), ("momentum", momentum) } : [("eta", "0.05")];
        for (var n = 0; n <= 37; n++)
        {
            var outOfPlace = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(name, n, settings));
            var inPlace = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(name, n, settings));
            var parameters = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                // Zeros too, which AdaGrad skips: the other buffer must still receive those parameters.
                var gradients = Enumerable.Range(0, n).Select(i => i % 3 == 1 ? 0.0 : Math.Sin((i * 5) + step) * 7).ToArray();
                var before = (double[])parameters.Clone();
                var updated = Enumerable.Repeat(double.NaN, n).ToArray();

                outOfPlace.Step(parameters, updated, gradients, 5.0);
                inPlace.Step(expected, expected, gradients, 5.0);

                Assert.Equal(before, parameters);
                Assert.Equal(expected, updated);
                parameters = updated;
            }
        }
    }

    [Theory]
    [InlineData("adagrad", "eta", "-1", "eta must be > 0, was -1")]
    [InlineData("adagrad", "epsilon", "0", "epsilon must be > 0, was 0")]
    [InlineData("sgd", "momentum", "1", "momentum must be >= 0 and < 1, was 1")]
    [InlineData("sgd", "eta", "fast", "eta must be a number, was 'fast'")]
    public void Optimizer_BadHyperparameter_RejectedNamingTheValue(string optimizer, string key, string value, string message)
    {
        var error = Assert.Throws<PluginInputException>(() => Catalog.Optimizer(optimizer, 4, (key, value)));
        Assert.Equal(message, error.Message);
    }
}
