using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>The speed shown beside the progress: the training's own, not the pauses between its updates.</summary>
public sealed class SpeedMeterTests
{
    [Fact]
    public void Restart_AfterTimeThatTrainedNothing_KeepsTheLastReading()
    {
        var meter = new SpeedMeter();
        meter.Read(0, paused: false, force: false);
        Thread.Sleep(20);
        meter.Read(100, paused: false, force: true);
        var trained = meter.StepsPerSecond;

        // A validation pass at step 101 takes a while; the progress line printed after it forces a reading.
        meter.Read(101, paused: false, force: false);
        Thread.Sleep(50);
        meter.Restart(101);
        meter.Read(101, paused: false, force: true);

        Assert.True(trained > 0);
        Assert.Equal(trained, meter.StepsPerSecond);
    }

    [Fact]
    public void Read_ForcedAfterAStretchOfUpdates_MeasuresThem()
    {
        var meter = new SpeedMeter();
        meter.Read(0, paused: false, force: false);
        Thread.Sleep(20);
        meter.Read(100, paused: false, force: true);
        var first = meter.StepsPerSecond;
        meter.Restart(100);
        Thread.Sleep(20);
        meter.Read(300, paused: false, force: true);

        Assert.NotEqual(first, meter.StepsPerSecond);
        Assert.True(meter.StepsPerSecond > 0);
    }

    [Fact]
    public void Read_AWindowWithoutAnUpdate_KeepsTheLastReading()
    {
        var meter = new SpeedMeter();
        meter.Read(0, paused: false, force: false);
        Thread.Sleep(20);
        meter.Read(100, paused: false, force: true);
        var trained = meter.StepsPerSecond;

        // The run's last update was step 100; saving and the final progress line come more than a window later.
        Thread.Sleep(600);
        meter.Read(100, paused: false, force: false);
        meter.Read(100, paused: false, force: true);

        Assert.True(trained > 0);
        Assert.Equal(trained, meter.StepsPerSecond);
    }
}
