using System.Globalization;
using RnnTui.Contracts;
using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Optimizers;

public sealed class RmsPropTests
{
    /// <summary>A few units in the last place of numbers near 1 (2.2e-16 each), after about ten roundings.</summary>
    private const double Rounding = 1e-14;

    [Fact]
    public void TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("rmsprop", 3, ("eta", "0.01"), ("rho", "0.9"), ("epsilon", "1e-8"));
        double[] parameters = [1.0, -2.0, 0.5];

        // Step 1, g = [0.5, -1, 0]: s = 0.1 g^2 = [0.025, 0.1, 0]; g / (sqrt(s) + 1e-8) = [3.16227766, -3.16227766, 0]:
        // [1 - 0.0316227766, -2 + 0.0316227766, 0.5].
        optimizer.Step(parameters, [0.5, -1.0, 0.0]);
        Assert.Equal(0.96837722539831608, parameters[0], Rounding);
        Assert.Equal(-1.96837722439831618, parameters[1], Rounding);
        Assert.Equal(0.5, parameters[2]);

        // Step 2, g = [0.5, 1, 2]: s = 0.9 s + 0.1 g^2 = [0.0475, 0.19, 0.4];
        // g / (sqrt(s) + 1e-8) = [0.5 / 0.21794495, 1 / 0.43588989, 2 / 0.63245553] = [2.29415733, 2.29415733, 3.16227766].
        optimizer.Step(parameters, [0.5, 1.0, 2.0]);
        Assert.Equal(0.94543565306389143, parameters[0], Rounding);
        Assert.Equal(-1.99131879725905657, parameters[1], Rounding);
        Assert.Equal(0.46837722389831620, parameters[2], Rounding);
        Assert.Equal("meanSquare", Assert.Single(optimizer.State).Name);
    }

    [Fact]
    public void Centered_TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("rmsprop", 3, ("eta", "0.01"), ("rho", "0.9"), ("epsilon", "1e-8"), ("centered", "true"));
        double[] parameters = [1.0, -2.0, 0.5];

        // Step 1: a = 0.1 g = [0.05, -0.1, 0]; s - a^2 = [0.025 - 0.0025, 0.1 - 0.01, 0] = [0.0225, 0.09, 0], whose roots are
        // [0.15, 0.3, 0]: g / (root + 1e-8) = [3.3333333, -3.3333333, 0], a step of 0.033333333.
        optimizer.Step(parameters, [0.5, -1.0, 0.0]);
        Assert.Equal(0.96666666888888874, parameters[0], Rounding);
        Assert.Equal(-1.96666666777777774, parameters[1], Rounding);

        // Step 2: a = 0.9 a + 0.1 g = [0.095, 0.01, 0.2]; s - a^2 = [0.0475 - 0.009025, 0.19 - 0.0001, 0.4 - 0.04]
        // = [0.038475, 0.1899, 0.36]; roots [0.19615045, 0.43577517, 0.6]; [2]: 0.5 - 0.01 * 2 / 0.6 = 0.46666667.
        optimizer.Step(parameters, [0.5, 1.0, 2.0]);
        Assert.Equal(0.94117603309170475, parameters[0], Rounding);
        Assert.Equal(-1.98961428027856862, parameters[1], Rounding);
        Assert.Equal(0.46666666722222221, parameters[2], Rounding);
        Assert.Equal(["meanSquare", "meanGradient"], optimizer.State.Select(b => b.Name));
        Assert.Equal(0.2, optimizer.State[1].Values[2], Rounding);
    }

    [Fact]
    public void Momentum_TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("rmsprop", 3, ("eta", "0.01"), ("rho", "0.9"), ("epsilon", "1e-8"), ("momentum", "0.5"));
        double[] parameters = [1.0, -2.0, 0.5];

        // Step 1: b = g / d = [3.16227766, -3.16227766, 0], the same step as without momentum.
        optimizer.Step(parameters, [0.5, -1.0, 0.0]);
        Assert.Equal(0.96837722539831608, parameters[0], Rounding);

        // Step 2: b = 0.5 b + g / d = [1.58113883 + 2.29415733, -1.58113883 + 2.29415733, 3.16227766]
        // = [3.87529617, 0.71301851, 3.16227766]; theta -= 0.01 b.
        optimizer.Step(parameters, [0.5, 1.0, 2.0]);
        Assert.Equal(0.92962426576304947, parameters[0], Rounding);
        Assert.Equal(-1.97550740945821466, parameters[1], Rounding);
        Assert.Equal(0.46837722389831620, parameters[2], Rounding);
        Assert.Equal(["meanSquare", "velocity"], optimizer.State.Select(b => b.Name));
    }

    [Fact]
    public void CenteredWithMomentum_TwoSteps_MatchHandComputedNumbers()
    {
        var optimizer = Catalog.Optimizer("rmsprop", 3, ("eta", "0.01"), ("rho", "0.9"), ("epsilon", "1e-8"), ("momentum", "0.5"), ("centered", "true"));
        double[] parameters = [1.0, -2.0, 0.5];

        // The centred denominators of the test above, accumulated as in the one before it:
        // b2 = 0.5 [3.3333333, -3.3333333, 0] + [0.5 / 0.19615046, 1 / 0.43577518, 2 / 0.6].
        optimizer.Step(parameters, [0.5, -1.0, 0.0]);
        optimizer.Step(parameters, [0.5, 1.0, 2.0]);

        Assert.Equal(0.92450936753614912, parameters[0], Rounding);
        Assert.Equal(-1.97294761416745749, parameters[1], Rounding);
        Assert.Equal(0.46666666722222221, parameters[2], Rounding);
        Assert.Equal(["meanSquare", "meanGradient", "velocity"], optimizer.State.Select(b => b.Name));
    }

    [Fact]
    public void Centered_AConstantGradient_NeverTakesTheRootOfANegativeNumber()
    {
        // s - a^2 tends to 0 for a gradient that never changes, and rounding can take it below: it is floored at 0.
        var optimizer = Catalog.Optimizer("rmsprop", 9, ("eta", "0.001"), ("rho", "0.5"), ("centered", "true"));
        var parameters = new double[9];

        for (var step = 0; step < 200; step++)
        {
            optimizer.Step(parameters, [0.1, 0.3, 0.7, 1.1, 1.3, 2.9, 3.7, 4.1, 4.9]);
        }

        Assert.All(parameters, p => Assert.True(double.IsFinite(p), $"{p}"));
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.7)]
    [InlineData(true, 0.7)]
    public void ThreeSteps_EveryVectorRemainder_BitIdenticalToTheScalarReference(bool centered, double momentum)
    {
        for (var n = 0; n <= 33; n++)
        {
            var optimizer = Assert.IsAssignableFrom<IClippingOptimizer>(Catalog.Optimizer(
                "rmsprop", n, ("eta", "0.01"), ("rho", "0.8"), ("epsilon", "1e-7"),
                ("momentum", momentum.ToString("R", CultureInfo.InvariantCulture)), ("centered", centered ? "true" : "false")));
            var reference = new Reference(n, rho: 0.8, epsilon: 1e-7, momentum, centered);
            var parameters = OptimizerVariants.Parameters(n);
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                var rate = 0.01 * (step + 1) / 3;
                ((ILearningRateOptimizer)optimizer).LearningRate = rate;
                var gradients = OptimizerVariants.Gradients(n, step);

                optimizer.Step(parameters, parameters, gradients, 5.0);
                reference.Step(expected, gradients, rate, 5.0);

                BitAssert.Equal(expected, parameters, $"n = {n}, step {step + 1}");
            }

            BitAssert.Equal(reference.MeanSquare, optimizer.State.Single(b => b.Name == "meanSquare").Values);
        }
    }

    [Theory]
    [InlineData("rho", "1", "rho must be >= 0 and < 1, was 1")]
    [InlineData("epsilon", "-1e-8", "epsilon must be > 0, was -1E-08")]
    [InlineData("momentum", "1", "momentum must be >= 0 and < 1, was 1")]
    [InlineData("centered", "maybe", "centered must be true or false, was 'maybe'")]
    [InlineData("eta", "0", "eta must be > 0, was 0")]
    public void BadSetting_RejectedNamingTheValue(string key, string value, string message)
    {
        var error = Assert.Throws<PluginInputException>(() => Catalog.Optimizer("rmsprop", 4, (key, value)));

        Assert.Equal(message, error.Message);
    }

    /// <summary>RMSProp one element at a time, in the plugin's order of operations.</summary>
    private sealed class Reference(int count, double rho, double epsilon, double momentum, bool centered)
    {
        private readonly double[] _meanGradient = new double[count];
        private readonly double[] _velocity = new double[count];

        public double[] MeanSquare { get; } = new double[count];

        public void Step(double[] parameters, double[] gradients, double eta, double clip)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var g = Math.Clamp(gradients[i], -clip, clip);
                MeanSquare[i] = (rho * MeanSquare[i]) + ((1 - rho) * (g * g));
                var variance = MeanSquare[i];
                if (centered)
                {
                    _meanGradient[i] = (rho * _meanGradient[i]) + ((1 - rho) * g);
                    variance = Math.Max(variance - (_meanGradient[i] * _meanGradient[i]), 0);
                }

                var direction = g / (Math.Sqrt(variance) + epsilon);
                if (momentum > 0)
                {
                    _velocity[i] = (momentum * _velocity[i]) + direction;
                    direction = _velocity[i];
                }

                parameters[i] -= eta * direction;
            }
        }
    }
}
