using RnnTui.Contracts;

namespace RnnTui.Tests.Optimizers;

/// <summary>What the host relies on from every optimizer, checked on each built-in one in each of its variants.</summary>
public sealed class OptimizerConformanceTests
{
    /// <summary>0 to 33 elements: every remainder of 2, 4 and 8 lanes (128-, 256- and 512-bit vectors of doubles) and a few whole vectors.</summary>
    private const int LongestVector = 33;

    [Theory]
    [MemberData(nameof(OptimizerVariants.All), MemberType = typeof(OptimizerVariants))]
    public void ClippingStep_EveryVectorRemainder_IsBitIdenticalToClampingThenStepping(string variant)
    {
        for (var n = 0; n <= LongestVector; n++)
        {
            var clipping = OptimizerVariants.Create(variant, n);
            var plain = OptimizerVariants.Create(variant, n);
            var parameters = OptimizerVariants.Parameters(n);
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                var gradients = OptimizerVariants.Gradients(n, step);
                var untouched = (double[])gradients.Clone();
                clipping.Step(parameters, parameters, gradients, 5.0);
                Assert.Equal(untouched, gradients);

                plain.Step(expected, [.. gradients.Select(g => Math.Clamp(g, -5.0, 5.0))]);
                Assert.Equal(expected, parameters);
            }

            Assert.Equal(plain.State.Select(b => b.Values), clipping.State.Select(b => b.Values));
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerVariants.All), MemberType = typeof(OptimizerVariants))]
    public void ClippingStep_IntoAnotherBuffer_EqualsInPlaceAndLeavesTheOriginal(string variant)
    {
        for (var n = 0; n <= LongestVector; n++)
        {
            var outOfPlace = OptimizerVariants.Create(variant, n);
            var inPlace = OptimizerVariants.Create(variant, n);
            var parameters = OptimizerVariants.Parameters(n);
            var expected = (double[])parameters.Clone();
            for (var step = 0; step < 3; step++)
            {
                var gradients = OptimizerVariants.Gradients(n, step);
                var before = (double[])parameters.Clone();
                var updated = Enumerable.Repeat(double.NaN, n).ToArray();

                outOfPlace.Step(parameters, updated, gradients, 5.0);
                inPlace.Step(expected, expected, gradients, 5.0);

                Assert.Equal(before, parameters);
                Assert.Equal(expected, updated);
                parameters = updated;
            }

            Assert.Equal(inPlace.State.Select(b => b.Values), outOfPlace.State.Select(b => b.Values));
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerVariants.WithoutWeightDecay), MemberType = typeof(OptimizerVariants))]
    public void ZeroGradients_FromAFreshStart_LeaveEveryParameterUnchanged(string variant)
    {
        const int n = LongestVector;
        var optimizer = OptimizerVariants.Create(variant, n);
        double[] parameters = [.. OptimizerVariants.Parameters(n - 2), -0.0, 1e300];
        var expected = (double[])parameters.Clone();

        for (var step = 0; step < 3; step++)
        {
            optimizer.Step(parameters, new double[n]);
            optimizer.Step(parameters, parameters, new double[n], 5.0);
        }

        BitAssert.Equal(expected, parameters, variant);
    }

    [Theory]
    [MemberData(nameof(OptimizerVariants.All), MemberType = typeof(OptimizerVariants))]
    public void Step_AfterTheFirst_AllocatesNothing(string variant)
    {
        const int n = 1000;
        var optimizer = OptimizerVariants.Create(variant, n);
        var parameters = OptimizerVariants.Parameters(n);
        var updated = new double[n];
        var gradients = OptimizerVariants.Gradients(n, 0);
        optimizer.Step(parameters, updated, gradients, 5.0);
        optimizer.Step(parameters, gradients);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 20; step++)
        {
            optimizer.Step(parameters, updated, gradients, 5.0);
            optimizer.Step(parameters, gradients);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(OptimizerVariants.All), MemberType = typeof(OptimizerVariants))]
    public void State_WrittenIntoAFreshOptimizer_ContinuesBitIdentically(string variant)
    {
        const int n = 29;
        var running = OptimizerVariants.Create(variant, n);
        var parameters = OptimizerVariants.Parameters(n);
        for (var step = 0; step < 3; step++)
        {
            running.Step(parameters, parameters, OptimizerVariants.Gradients(n, step), 5.0);
        }

        // As a resume does: the fresh optimizer's buffers have the same names and lengths, and are written into.
        var restored = OptimizerVariants.Create(variant, n);
        Assert.Equal(running.State.Select(b => (b.Name, b.Values.Length)), restored.State.Select(b => (b.Name, b.Values.Length)));
        foreach (var (from, to) in running.State.Zip(restored.State))
        {
            from.Values.CopyTo(to.Values, 0);
        }

        var copy = (double[])parameters.Clone();
        for (var step = 3; step < 6; step++)
        {
            var gradients = OptimizerVariants.Gradients(n, step);
            running.Step(parameters, parameters, gradients, 5.0);
            restored.Step(copy, copy, gradients, 5.0);
        }

        Assert.Equal(parameters, copy);
        Assert.Equal(running.State.Select(b => b.Values), restored.State.Select(b => b.Values));
    }

    [Theory]
    [MemberData(nameof(OptimizerVariants.All), MemberType = typeof(OptimizerVariants))]
    public void LearningRate_IsTheConfiguredEtaAndTheHostMayChangeIt(string variant)
    {
        var optimizer = Assert.IsAssignableFrom<ILearningRateOptimizer>(OptimizerVariants.Create(variant, 4));
        var halved = Assert.IsAssignableFrom<ILearningRateOptimizer>(OptimizerVariants.Create(variant, 4));
        var configured = optimizer.LearningRate;

        halved.LearningRate = configured / 2;
        double[] start = [1, 2, 3, 4];
        var full = (double[])start.Clone();
        var half = (double[])start.Clone();
        optimizer.Step(full, [1, -1, 0.5, 1]);
        halved.Step(half, [1, -1, 0.5, 1]);

        // Every first step here, AdamW's decay included, moves a parameter in proportion to the rate.
        Assert.True(configured is 0.05 or 0.01, $"configured {configured}");
        for (var i = 0; i < start.Length; i++)
        {
            Assert.Equal(full[i] - start[i], 2 * (half[i] - start[i]), 1e-12);
        }
    }
}
