using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;
using static RnnTui.Tests.Training.Agreement;

namespace RnnTui.Tests.Training;

/// <summary>
/// The batched kernels (<see cref="IBatchedRnnKernel"/>): the managed reference against the sum of single-sequence
/// calls, the gradient check, and the contract's argument checks, for every backend that has one.
/// </summary>
public sealed class BatchedKernelTests
{

    public static TheoryData<string, int> BackendsAndBatches()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in new[] { "managed", "simd" })
        {
            foreach (var batch in new[] { 1, 2, 3, 8, 32 })
            {
                data.Add(backend, batch);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsAndBatches))]
    public void ForwardBackwardBatch_EqualsTheSumOfSingleSequenceCalls(string backend, int batch)
    {
        var shape = new RnnShape(65, 100);
        var runs = new BatchRuns(shape, batch, 25, (ulong)(batch * 31));
        using var single = Catalog.Kernel("managed", shape, 25);
        using var kernel = BatchRuns.Kernel(backend, shape, 25, 32);

        var (expectedLoss, expectedH, expected) = runs.RunEach(single);
        var (loss, h, gradients) = runs.RunBatch(kernel);

        AssertClose(expectedLoss, loss, "loss");
        AssertClose(expectedH, h, "h");
        foreach (var segment in shape.Segments)
        {
            AssertClose(segment.Of(expected).ToArray(), segment.Of(gradients).ToArray(), segment.Name);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndBatches))]
    public void GradientCheck_Batch_MaxRelativeErrorBelow1e6(string backend, int batch)
    {
        var shape = new RnnShape(7, 5);
        var runs = new BatchRuns(shape, batch, 4, (ulong)(batch + 5));
        using var kernel = BatchRuns.Kernel(backend, shape, 4, batch);
        var (_, _, gradients) = runs.RunBatch(kernel);
        var parameters = (double[])runs.Parameters.Clone();
        var hidden = new double[runs.Hidden.Length];
        var ignored = new double[shape.ParameterCount];
        const double step = 1e-5;

        double LossAt(int i, double value)
        {
            var saved = parameters[i];
            parameters[i] = value;
            runs.Hidden.CopyTo(hidden, 0);
            var loss = kernel.ForwardBackwardBatch(parameters, batch, runs.Inputs, runs.Targets, hidden, ignored);
            parameters[i] = saved;
            return loss;
        }

        for (var i = 0; i < shape.ParameterCount; i++)
        {
            var numeric = (LossAt(i, parameters[i] + step) - LossAt(i, parameters[i] - step)) / (2 * step);
            var error = Math.Abs(numeric - gradients[i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(gradients[i]));
            Assert.True(error < 1e-6, $"element {i}: analytic {gradients[i]:R}, numeric {numeric:R}, relative error {error:R}");
        }
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("simd")]
    public void ForwardBackwardBatch_BadArguments_ThrowWithTheContractsMessages(string backend)
    {
        var shape = new RnnShape(7, 5);
        var runs = new BatchRuns(shape, 2, 4, 9);
        using var kernel = BatchRuns.Kernel(backend, shape, 4, 2);
        var gradients = new double[shape.ParameterCount];

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 3, runs.Inputs, runs.Targets, new double[15], gradients));
        Assert.Contains("the batch must have 1 to 2 sequences", tooMany.Message);
        var ragged = Assert.Throws<ArgumentException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 2, runs.Inputs.AsSpan(1), runs.Targets.AsSpan(1), runs.Hidden.ToArray(), gradients));
        Assert.Contains("a batch of 2 must have 2 x n inputs (1 <= n <= 4)", ragged.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 1, runs.Inputs, runs.Targets, new double[5], gradients));
        Assert.Contains("had 8 and 8", tooLong.Message);
        var hidden = Assert.Throws<ArgumentException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 2, runs.Inputs, runs.Targets, new double[5], gradients));
        Assert.Equal("hidden", hidden.ParamName);
        var gradient = Assert.Throws<ArgumentException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 2, runs.Inputs, runs.Targets, runs.Hidden.ToArray(), new double[3]));
        Assert.Equal("gradients", gradient.ParamName);
        var character = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.ForwardBackwardBatch(runs.Parameters, 2, runs.Inputs, [.. runs.Targets[..7], 7], runs.Hidden.ToArray(), gradients));
        Assert.Equal("targets", character.ParamName);
        Assert.Equal(2, kernel.MaxBatchSize);
    }
}
