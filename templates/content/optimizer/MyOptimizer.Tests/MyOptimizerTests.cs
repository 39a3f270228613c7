using RnnTui.Contracts;
using RnnTui.Testing;

namespace MyOptimizer.Tests;

public sealed class MyOptimizerTests
{
    /// <summary>Everything rnntui relies on: settings, resume, clipping, zero gradients, learning.</summary>
    [Fact]
    public void PassesRnnTuisConformanceCheck() =>
        Conformance.CheckOptimizer(new MyOptimizerProvider()).ThrowIfFailed();

    /// <summary>
    /// Two steps worked by hand, eta = 0.1, mu = 0.5, clip 1:
    /// step 1: g = clip(3) = 1, v = 0.5 * 0 + 1 = 1, theta = 2 - 0.1 * 1 = 1.9;
    /// step 2: g = -0.5, v = 0.5 * 1 - 0.5 = 0, theta = 1.9 - 0.1 * 0 = 1.9.
    /// </summary>
    [Fact]
    public void TwoStepsMatchTheArithmeticDoneByHand()
    {
        var optimizer = new MyOptimizerStep(1, new MyOptimizerOptions(Eta: 0.1, Momentum: 0.5));
        double[] theta = [2.0];

        optimizer.Step(theta, theta, [3.0], clip: 1);
        Assert.Equal(1.9, theta[0], 15);

        optimizer.Step(theta, theta, [-0.5], clip: 1);
        Assert.Equal(1.9, theta[0], 15);
        Assert.Equal(0.0, optimizer.State[0].Values[0]);
    }

    [Fact]
    public void AMomentumOfOneIsRefusedNamingTheSetting()
    {
        var settings = new PluginSettings([new("momentum", "1")]);

        var refusal = Assert.Throws<PluginInputException>(() => new MyOptimizerProvider().Create(10, settings));

        Assert.Contains("momentum", refusal.Message);
    }
}
