using RnnTui.Runs;
using RnnTui.Tests.Runs;

namespace RnnTui.Tests.Optimizers;

/// <summary>
/// Each optimizer through the real <c>train --headless</c> path: a run stopped half-way and resumed ends bit-identical to
/// one that was never stopped, its optimizer state included.
/// </summary>
public sealed class OptimizerResumeTests
{
    public static TheoryData<string, string[]> Variants => new()
    {
        { "adam", ["--optimizer", "adam", "--eta", "0.01"] },
        { "adamw", ["--optimizer", "adam", "--eta", "0.01", "--weight-decay", "0.01"] },
        { "rmsprop", ["--optimizer", "rmsprop", "--eta", "0.005"] },
        { "rmsprop-centered-momentum", ["--optimizer", "rmsprop", "--eta", "0.002", "--momentum", "0.5", "--config", "centered"] },
        { "sgd-nesterov", ["--optimizer", "sgd", "--eta", "0.005", "--momentum", "0.9", "--nesterov", "true"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Resume_FromHalfway_ContinuesBitIdentically(string variant, string[] options)
    {
        using var bed = new RunBed();
        options = [.. options.Select(o => o == "centered" ? Path.Combine(bed.Root, "centered.json") : o)];
        File.WriteAllText(Path.Combine(bed.Root, "centered.json"), """{ "Settings": { "rmsprop": { "centered": true } } }""");
        bed.Train("whole", 120, options);
        bed.Train("halves", 60, options);

        // The resumed run takes the settings its run folder recorded: no optimizer option is given again.
        var output = bed.Ok("train", "--headless", "--resume", "halves", "--steps", "120");

        Assert.DoesNotContain("not bit-identical", output, StringComparison.Ordinal);
        var whole = CheckpointFormat.Read(bed.RunPath("whole", "checkpoints", "latest.rnnck"));
        var resumed = CheckpointFormat.Read(bed.RunPath("halves", "checkpoints", "latest.rnnck"));
        Assert.Equal(120, resumed.Step);
        BitAssert.Equal(whole.Parameters, resumed.Parameters, variant);
        BitAssert.Equal(whole.BestParameters, resumed.BestParameters, variant);
        Assert.Equal(whole.OptimizerState.Select(b => b.Name), resumed.OptimizerState.Select(b => b.Name));
        foreach (var (expected, actual) in whole.OptimizerState.Zip(resumed.OptimizerState))
        {
            BitAssert.Equal(expected.Values, actual.Values, $"{variant}: {expected.Name}");
        }

        Assert.Equal(whole.SmoothLoss, resumed.SmoothLoss);
        if (variant.StartsWith("adam", StringComparison.Ordinal))
        {
            Assert.Equal([120.0], resumed.OptimizerState.Single(b => b.Name == "step").Values);
        }

        if (variant == "rmsprop-centered-momentum")
        {
            Assert.Equal(["meanSquare", "meanGradient", "velocity"], resumed.OptimizerState.Select(b => b.Name));
        }
    }
}
