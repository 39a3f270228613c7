using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>Training under divergence and failing plugins: stopped at once, the last good state kept.</summary>
public sealed class TrainerFaultTests
{
    [Fact]
    public void NaNLoss_StopsAtThatUpdateAndKeepsTheLastGoodParameters()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        double[] Parameters(int steps, Func<IRnnKernel, IRnnKernel>? wrap, out Trainer trainer)
        {
            trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture)), wrap);
            trainer.RunLoop();
            return trainer.Capture().Parameters;
        }

        var good = Parameters(4, null, out var reference);
        var parameters = Parameters(10, k => new FaultyKernel(k, failAtCall: 5, nan: true), out var trainer);

        Assert.Equal(TrainerStatus.Diverged, trainer.Latest.Status);
        Assert.Equal(4, trainer.Step);
        Assert.Equal("loss is NaN at update step 5; the last good parameters are kept; try a lower --eta or --clip", trainer.Latest.Message);
        Assert.Equal(good, parameters);
        Assert.Equal(reference.BestSmoothLoss, trainer.BestSmoothLoss);
        Assert.Equal(reference.Capture().Hidden, trainer.Capture().Hidden);
        Assert.Equal(reference.Capture().Position, trainer.Capture().Position);
    }

    [Fact]
    public void HugeLearningRate_LossExplodes_DetectedWithinTwoUpdates()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "16", "--steps", "100", "--optimizer", "sgd", "--eta", "1e4"));

        trainer.RunLoop();

        Assert.Equal(TrainerStatus.Diverged, trainer.Latest.Status);
        Assert.InRange(trainer.Step, 1, 2);
        Assert.StartsWith("loss exploded to ", trainer.Latest.Message, StringComparison.Ordinal);
        Assert.True(double.IsFinite(trainer.BestSmoothLoss) && trainer.BestSmoothLoss < 25 * Math.Log(34) * 1.1);
    }

    [Fact]
    public void BackendThrows_FaultedNamingTheBackendAndStopped()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "50"), k => new FaultyKernel(k, failAtCall: 3, nan: false));

        trainer.RunLoop();

        Assert.Equal(TrainerStatus.Faulted, trainer.Latest.Status);
        Assert.Equal(2, trainer.Step);
        Assert.Equal("backend simd failed in ForwardBackward at update step 3: InvalidOperationException: the kernel broke", trainer.Latest.Message);
    }

    [Fact]
    public void HeadlessTraining_Diverges_OneLineAndExitCode1()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);

        var (code, output, error) = Cli.CliTests.Run(["train", "--headless", "--corpus", corpus, "--hidden", "8", "--optimizer", "sgd", "--eta", "1e4", "--steps", "100", "--runs-dir", Path.Combine(folder.Path, "runs")]);

        Assert.Equal(1, code);
        Assert.Matches(@"^rnntui: loss exploded to [\d.]+e\+\d+ \(over 100 times an untrained network's\) at update step \d; the last good parameters are kept; try a lower --eta or --clip\n$", error);
        Assert.Contains("lowest smooth loss ", output, StringComparison.Ordinal);
    }

    /// <summary>A kernel that fails on one call: returns NaN, or throws.</summary>
    private sealed class FaultyKernel(IRnnKernel inner, int failAtCall, bool nan) : DelegatingKernel(inner)
    {
        private int _calls;

        public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
        {
            var loss = Inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);
            if (++_calls != failAtCall)
            {
                return loss;
            }

            hidden.Fill(double.NaN);
            return nan ? double.NaN : throw new InvalidOperationException("the kernel broke");
        }
    }
}
