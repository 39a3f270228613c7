using System.Globalization;
using RnnTui.Contracts;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Optimizers;

public sealed class SgdNesterovTests
{
    [Fact]
    public void TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("sgd", 2, ("eta", "0.1"), ("momentum", "0.9"), ("nesterov", "true"));
        double[] parameters = [1.0, 1.0];

        // Step 1, g = [1, 2]: v = g = [1, 2]; the step looks ahead along v: g + 0.9 v = [1.9, 3.8];
        // theta = 1 - 0.1 [1.9, 3.8] = [0.81, 0.62].
        optimizer.Step(parameters, [1.0, 2.0]);
        Assert.Equal(0.81, parameters[0], 1e-15);
        Assert.Equal(0.62, parameters[1], 1e-15);

        // Step 2, g = [1, 0]: v = 0.9 [1, 2] + [1, 0] = [1.9, 1.8]; g + 0.9 v = [2.71, 1.62];
        // theta = [0.81 - 0.271, 0.62 - 0.162] = [0.539, 0.458].
        optimizer.Step(parameters, [1.0, 0.0]);
        Assert.Equal(0.539, parameters[0], 1e-15);
        Assert.Equal(0.458, parameters[1], 1e-15);
        Assert.Equal([1.9, 1.8], Assert.Single(optimizer.State).Values.Select(v => Math.Round(v, 14)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThreeSteps_EveryVectorRemainder_BitIdenticalToTheScalarReference(bool nesterov)
    {
        for (var n = 0; n <= 33; n++)
        {
            var optimizer = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(
                "sgd", n, ("eta", "0.05"), ("momentum", "0.9"), ("nesterov", nesterov.ToString(CultureInfo.InvariantCulture))));
            var velocity = new double[n];
            var parameters = OptimizerVariants.Parameters(n);
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                var rate = 0.05 * (step + 1) / 3;
                ((ILearningRateOptimizer)optimizer).LearningRate = rate;
                var gradients = OptimizerVariants.Gradients(n, step);

                optimizer.Step(parameters, parameters, gradients, 5.0);
                for (var i = 0; i < n; i++)
                {
                    var g = Math.Clamp(gradients[i], -5.0, 5.0);
                    velocity[i] = (0.9 * velocity[i]) + g;
                    expected[i] -= rate * (nesterov ? g + (0.9 * velocity[i]) : velocity[i]);
                }

                BitAssert.Equal(expected, parameters, $"n = {n}, step {step + 1}");
            }

            BitAssert.Equal(velocity, Assert.Single(optimizer.State).Values);
        }
    }

    [Fact]
    public void Nesterov_WithoutMomentum_Refused()
    {
        var error = Assert.Throws<PluginInputException>(() => Catalog.Optimizer("sgd", 4, ("momentum", "0"), ("nesterov", "true")));

        Assert.Equal("nesterov needs momentum > 0, but momentum is 0", error.Message);
    }

    [Fact]
    public void Nesterov_NotABoolean_Refused()
    {
        var error = Assert.Throws<PluginInputException>(() => Catalog.Optimizer("sgd", 4, ("nesterov", "yes")));

        Assert.Equal("nesterov must be true or false, was 'yes'", error.Message);
    }
}
