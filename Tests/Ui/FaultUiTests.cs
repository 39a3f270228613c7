using RnnTui.Contracts;
using RnnTui.Training;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>
/// Training that diverges or whose plugin fails stops, and says why in full: in a window, in the loss pane and once in
/// the log; the UI and the run folder keep working.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class FaultUiTests
{
    private const string StoppedWindow = "Training stopped";

    /// <summary>Long enough to be cut at 100 columns if it were kept to one line.</summary>
    private const string KernelError = "the scratch buffer holds 4,096 doubles, too few for seq_length 25 at m = 16";

    [Fact]
    public void Divergence_ShownInTheLossPane_UiAndRunFolderSurvive()
    {
        using var ui = new UiHarness(100, 30, options: ["--optimizer", "sgd", "--eta", "1e4"]);

        ui.WaitFor(s => s.Contains("loss exploded", StringComparison.Ordinal) && s.Contains("┤" + StoppedWindow, StringComparison.Ordinal), "the divergence to show in a window");
        ui.Press(Key.Esc);

        var screen = ui.WaitFor(s => ScreenText.FrameText(s, "Loss").Contains("loss exploded", StringComparison.Ordinal), "the divergence in the loss pane");
        Assert.Contains("DIVERGED", screen);
        Assert.Equal(TrainerStatus.Diverged, ui.Session.Trainer.Latest.Status);
        Assert.True(File.Exists(Path.Combine(ui.Session.Run.Folder.Path, "run.json")));

        // The UI still answers: a sample from the last good parameters, and the help window.
        ui.Press(Key.S);
        ui.WaitFor(s => s.Contains("on demand", StringComparison.Ordinal), "the on-demand sample");
        ui.Press(new Key('?'));
        ui.WaitFor(s => s.Contains("pause", StringComparison.Ordinal), "the help window");
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void Divergence_WholeMessageInAWindowAndInTheLossPane_LoggedOnce(int width, int height)
    {
        using var ui = new UiHarness(width, height, options: ["--optimizer", "sgd", "--eta", "1e4"]);
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Diverged, "training to diverge");
        var message = ui.Session.Trainer.Latest.Message!;
        Assert.StartsWith("loss exploded to ", message, StringComparison.Ordinal);

        AssertShownInFull(ui, message);
        ui.WaitUntil(() => LogLines().Any(l => l.Contains(message, StringComparison.Ordinal) && l.Contains(ui.Session.Run.Folder.Path, StringComparison.Ordinal)), "the message in the log");
        Assert.Single(LogLines(), l => l.Contains(message, StringComparison.Ordinal) && l.Contains(ui.Session.Run.Folder.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    public void PluginThrows_WholeMessageInAWindowAndInTheLossPane_Logged(int width, int height)
    {
        using var ui = new UiHarness(width, height, wrapKernel: k => new ThrowingKernel(k, failAtUpdate: 3, failInSampling: false));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Faulted, "the backend to fail");
        var message = ui.Session.Trainer.Latest.Message!;
        Assert.Equal($"backend simd failed in ForwardBackward at update step 3: InvalidOperationException: {KernelError}", message);

        AssertShownInFull(ui, message);
        ui.WaitUntil(() => LogLines().Any(l => l.Contains(message, StringComparison.Ordinal) && l.Contains(ui.Session.Run.Folder.Path, StringComparison.Ordinal)), "the message in the log");
    }

    [Fact]
    public void TrainingThreadThrows_WholeReasonInAWindowAndInTheLossPane()
    {
        // The first sample is drawn before the first update, outside any plugin call the trainer guards.
        using var ui = new UiHarness(80, 24, wrapKernel: k => new ThrowingKernel(k, failAtUpdate: 0, failInSampling: true));
        ui.WaitUntil(() => ui.Session.Fault is not null, "the training thread to fail");
        Assert.Equal(KernelError, ui.Session.Fault);

        AssertShownInFull(ui, KernelError, $"FAILED: {KernelError}");
    }

    [Fact]
    public void ReasonTallerThanTheScreen_ScrollsInItsWindow()
    {
        var words = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"w{i}"));
        using var ui = new UiHarness(80, 24, wrapKernel: k => new ThrowingKernel(k, failAtUpdate: 2, failInSampling: false, error: words));

        var first = ui.WaitFor(s => ScreenText.FrameText(s, StoppedWindow).Contains("w1 w2 w3", StringComparison.Ordinal), "the window");
        Assert.DoesNotContain("w300", first);
        for (var i = 0; i < 30; i++)
        {
            ui.Press(Key.CursorDown);
        }

        Assert.Contains("w299 w300", ScreenText.FrameText(ui.WaitFor("w300"), StoppedWindow));
    }

    /// <summary>The whole message in the window that opens, then, once it is closed, in the loss pane (there after <paramref name="inPane"/>'s prefix).</summary>
    private static void AssertShownInFull(UiHarness ui, string message, string? inPane = null)
    {
        ui.WaitFor(s => ScreenText.FrameText(s, StoppedWindow).Contains(message, StringComparison.Ordinal), "the whole message in a window");
        ui.Press(Key.Esc);
        var screen = ui.WaitFor(s => !s.Contains("┤" + StoppedWindow, StringComparison.Ordinal), "the window to close");
        Assert.Contains(inPane ?? message, ScreenText.FrameText(screen, "Loss"), StringComparison.Ordinal);
    }

    private static string[] LogLines()
    {
        using var stream = new FileStream(UiHarness.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    /// <summary>A kernel that throws (<see cref="KernelError"/> unless told otherwise) at one update, or when it is first asked for a sample.</summary>
    private sealed class ThrowingKernel(IRnnKernel inner, int failAtUpdate, bool failInSampling, string error = KernelError) : DelegatingKernel(inner)
    {
        private int _updates;

        public override double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
            ++_updates == failAtUpdate
                ? throw new InvalidOperationException(error)
                : Inner.ForwardBackward(parameters, inputs, targets, hidden, gradients);

        public override void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
        {
            if (failInSampling)
            {
                throw new InvalidOperationException(error);
            }

            Inner.Step(parameters, input, hidden, scores);
        }
    }
}
