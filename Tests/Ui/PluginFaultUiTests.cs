using System.Text.Json;
using RnnTui.Tests.Plugins;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>A backend whose kernel throws once the UI is up: the UI names the plugin and stays up.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class PluginFaultUiTests(ThrowingPluginBuild build) : IClassFixture<ThrowingPluginBuild>
{
    [Fact]
    public void KernelThrows_TheFaultNamesThePluginInTheUi_AndTheUiAnswers()
    {
        using var folder = TestData.TempFolder();
        var config = folder.File("plugins.json", JsonSerializer.Serialize(new { Plugins = new { Folders = new[] { build.Root } } }));
        using var ui = new UiHarness(120, 30, options: ["--config", config, "--backend", "brokenkernel"]);

        ui.WaitFor("backend brokenkernel failed in Step");

        Assert.Equal(RnnTui.Training.TrainerStatus.Faulted, ui.Session.Trainer.Latest.Status);
        Assert.Equal("backend brokenkernel failed in Step: InvalidOperationException: kernel broke", ui.Session.Trainer.Latest.Message);
        ui.Press(new Key('?'));
        ui.WaitFor(s => s.Contains("pause", StringComparison.Ordinal), "the help window");
    }
}
