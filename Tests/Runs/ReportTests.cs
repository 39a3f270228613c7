using System.Globalization;
using System.Text.RegularExpressions;
using RnnTui.Reporting;
using RnnTui.Runs;
using RnnTui.Training;

namespace RnnTui.Tests.Runs;

/// <summary>report.md says how each sample was drawn, its graph starts at step 0, and it gives one figure for the epochs.</summary>
public sealed partial class ReportTests
{
    [Fact]
    public void Report_SamplesDrawnAtOtherTemperatures_EachShownWithItsOwn()
    {
        using var bed = new RunBed();
        bed.Train("run", 60, "--temperature", "0.7");
        using (var log = SampleLog.Open(bed.RunPath("run", "samples.jsonl")))
        {
            // As the interactive trainer keeps an interval sample after + was pressed twice.
            log.Write(new TrainingSample(80, 70.5, "drawn hotter", "interval", new SamplingOptions(0.9, 5, 0.95), "The "));
        }

        bed.Ok("report", "run");

        var report = File.ReadAllText(bed.RunPath("run", "report.md"));
        Assert.Contains("**update step 20**, smooth loss ", report, StringComparison.Ordinal);
        Assert.Matches(@"\*\*update step 20\*\*, smooth loss \d+\.\d{3}, temperature 0\.7\n", report);
        Assert.Contains("**update step 80**, smooth loss 70.500, temperature 0.9, top-k 5, top-p 0.95, primed with `The `\n", report, StringComparison.Ordinal);
        Assert.DoesNotContain("temperature 1)", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public void Report_HeaderAndTable_GiveTheSameEpochs_OfTheTextTrainedOn(double validation)
    {
        using var bed = new RunBed();
        bed.Train("run", 130, "--validation", validation.ToString(CultureInfo.InvariantCulture));

        bed.Ok("report", "run");

        var report = File.ReadAllText(bed.RunPath("run", "report.md"));
        var header = HeaderEpochs().Match(report);
        var table = TableEpochs().Match(report);
        Assert.True(header.Success, report[..300]);
        Assert.True(table.Success);
        Assert.Equal(table.Groups[1].Value, header.Groups[1].Value);
        var checkpoint = CheckpointFormat.Read(bed.RunPath("run", "checkpoints", "latest.rnnck"));
        var trainedOn = checkpoint.CorpusLength - checkpoint.HeldOutLength;
        Assert.Equal(validation > 0, checkpoint.HeldOutLength > 0);
        var expected = checkpoint.Epoch - 1 + (checkpoint.Position / (double)trainedOn);
        Assert.Equal(expected.ToString("0.00", CultureInfo.InvariantCulture), table.Groups[1].Value);
    }

    [Fact]
    public void LossPlot_FirstPointAfterStepZero_AxisStillStartsAtZero()
    {
        var plot = LossPlot.Create([(1000, 80.0), (2000, 70.0), (3000, 65.0)], "t", null);

        Assert.Equal(0, plot.Axes.GetLimits().Left);
        Assert.True(plot.Axes.GetLimits().Right >= 3000);
    }

    [GeneratedRegex(@"updates \(([\d.]+) epochs\) in ")]
    private static partial Regex HeaderEpochs();

    [GeneratedRegex(@"\| epochs \| ([\d.]+) \|")]
    private static partial Regex TableEpochs();
}
