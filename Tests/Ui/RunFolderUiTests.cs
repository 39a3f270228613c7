using System.Text.Json;
using RnnTui.Runs;
using RnnTui.Text;
using RnnTui.Training;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>The interactive trainer keeps its run in a run folder: saves on the w key, on quit and on reset, shows failures, resumes.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class RunFolderUiTests
{
    [Fact]
    public void SaveKey_WritesLatestCheckpointInTheRunFolder_AndTheRunPaneShowsIt()
    {
        using var ui = new UiHarness(80, 24);
        var folder = ui.Session.Run.Folder;
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 20, "some updates");
        // Paused, the step stays put, so the checkpoint is the key's and not one of the periodic ones.
        ui.Press(new Key('p'));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Paused, "training to pause");
        var step = ui.Session.Trainer.Latest.Step;

        ui.Press(new Key('w'));

        var screen = ui.WaitFor($"saved latest step {Format.Count(step)} · 0:0");
        Assert.Contains(folder.Name, screen);
        Assert.Equal(step, CheckpointFormat.Read(folder.LatestPath).Step);
        Assert.True(File.Exists(folder.ManifestPath));
    }

    [Fact]
    public void SaveKey_FolderCannotBeWritten_ShowsWhyAndTrainingGoesOn()
    {
        using var ui = new UiHarness(80, 24);
        var folder = ui.Session.Run.Folder;
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");

        // Read-only permissions do not stop root (CI containers); a file where the folder should be stops everyone.
        Directory.Delete(folder.CheckpointsPath, recursive: true);
        File.WriteAllText(folder.CheckpointsPath, "not a folder");
        ui.Press(new Key('w'));

        var screen = ui.WaitFor("SAVE FAILED");
        Assert.Contains("SAVE FAILED: cannot save a", screen);
        Assert.Contains("cannot save a checkpoint in", ui.Session.Run.Save.Failure);
        var step = ui.Session.Trainer.Latest.Step;
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Step > step + 100, "training to go on");
        Assert.Equal(TrainerStatus.Running, ui.Session.Trainer.Latest.Status);
        Assert.Contains("SAVE FAILED", ui.WaitFor("SAVE FAILED"));
    }

    [Fact]
    public void QuitKey_WritesAFinalCheckpointAtTheStepTrainingStopped()
    {
        using var ui = new UiHarness(80, 24);
        var folder = ui.Session.Run.Folder;
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 20, "some updates");

        ui.Press(new Key('q'));
        ui.WaitFor("Stop training and quit rnntui?");
        ui.Press(new Key('y'));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == TrainerStatus.Stopped, "the trainer to stop");
        ui.Session.Close();

        var saved = CheckpointFormat.Read(folder.LatestPath);
        Assert.Equal(ui.Session.Trainer.Latest.Step, saved.Step);
        Assert.True(saved.Step > 20);
    }

    [Fact]
    public void SampleKey_KeepsTheOnDemandSampleInSamplesJsonl()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");

        ui.Press(new Key('s'));
        ui.WaitFor("on demand, T 1.0");
        ui.Session.Close();

        var origins = File.ReadAllLines(ui.Session.Run.Folder.SamplesPath)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("origin").GetString())
            .ToList();
        Assert.Contains("on demand, T 1.0", origins);
        Assert.Contains("before the first update", origins);
    }

    [Fact]
    public void ResumeOption_ContinuesFromTheCheckpointStep_AndShowsTheBackendNotice()
    {
        using var runs = TestData.TempFolder();
        string name;
        long step;
        using (var first = new UiHarness(80, 24, options: ["--run", "kept", "--backend", "simd"], runsDirectory: runs.Path))
        {
            first.WaitFor(s => MainWindowTests.UpdateStep(s) > 50, "some updates");
            first.Press(new Key('q'));
            first.Press(new Key('y'));
            first.WaitUntil(() => first.Session.Trainer.Latest.Status == TrainerStatus.Stopped, "the trainer to stop");
            first.Session.Close();
            name = first.Session.Run.Folder.Name;
            step = first.Session.Trainer.Latest.Step;
        }

        using var ui = new UiHarness(80, 24, options: ["--resume", name, "--backend", "managed"], runsDirectory: runs.Path);

        Assert.Equal(step, ui.Session.Run.ResumedFrom!.Step);
        Assert.Contains("not bit-identical", ui.WaitFor("┤Resumed run kept").ReplaceLineEndings(" "));
        Assert.Contains("not bit-identical", ui.Window.TextWindow.Body);
        ui.Press(Key.Esc);
        ui.WaitFor($"run kept · from {Format.Count(step)}");
        Assert.Contains(ui.Window.SamplesPane.Samples, s => s.Origin == "before the first update");
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > step, "training to continue past the checkpoint");
        Assert.Equal(runs.Path, Path.GetDirectoryName(ui.Session.Run.Folder.Path));
    }
}
