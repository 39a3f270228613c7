using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>Training that diverges stops, says why in the UI, and leaves the UI and the run folder working.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class FaultUiTests
{
    [Fact]
    public void Divergence_ShownInTheLossPane_UiAndRunFolderSurvive()
    {
        using var ui = new UiHarness(100, 30, options: ["--optimizer", "sgd", "--eta", "1e4"]);

        var screen = ui.WaitFor(s => s.Contains("loss exploded", StringComparison.Ordinal), "the divergence to show");

        Assert.Contains("update step", screen);
        Assert.Equal(RnnTui.Training.TrainerStatus.Diverged, ui.Session.Trainer.Latest.Status);
        Assert.True(File.Exists(Path.Combine(ui.Session.Run.Folder.Path, "run.json")));

        // The UI still answers: a sample from the last good parameters, and the help window.
        ui.Press(Key.S);
        ui.WaitFor(s => s.Contains("on demand", StringComparison.Ordinal), "the on-demand sample");
        ui.Press(new Key('?'));
        ui.WaitFor(s => s.Contains("pause", StringComparison.Ordinal), "the help window");
    }
}
