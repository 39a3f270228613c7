using RnnTui.Ui;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

/// <summary>
/// The key tables are the only list of keys: every key in them reaches its command through Terminal.Gui's input,
/// and every command shows in the status line and the help window. Generated from the tables, so a new key is tested
/// by being declared.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class KeyTableTests
{
    public static TheoryData<int, int> Sizes => new() { { 80, 24 }, { 100, 30 } };

    [Fact]
    public void MainScreen_EveryBoundKey_RunsItsCommand()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");

        foreach (var command in MainWindow.Keys.Commands)
        {
            foreach (var key in command.Bound)
            {
                ui.Press(key);

                Assert.True(ReferenceEquals(command, ui.Window.LastCommand), $"{key} ran {ui.Window.LastCommand?.Keys ?? "nothing"}, not {command.Keys}");
                if (ui.Window.OpenWindow is not null)
                {
                    // Every window closes on Esc without acting (no to reset and quit).
                    ui.Press(Key.Esc);
                }

                Assert.Null(ui.Window.OpenWindow);
                Assert.False(ui.Window.StopRequested, $"{key} stopped the window");
            }
        }

        Assert.Equal(0, ui.Session.Generation);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MainScreen_EveryCommandWithAWord_IsInTheStatusLine_UnlessOptionalAt80Columns(int width, int height)
    {
        using var ui = new UiHarness(width, height);

        var screen = ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0 && s.Contains("q quit", StringComparison.Ordinal), "the status line");

        var status = screen.Split('\n')[height - 1];
        var state = new KeyState(ui.Session.Temperature, ui.Session.Trainer.IsPaused);
        var shown = MainWindow.Keys.Commands.Where(c => c.Short is not null).ToList();
        Assert.Equal(12, shown.Count);
        foreach (var command in shown)
        {
            var word = command.Short!(state);
            var present = status.Contains($"{command.Keys} {word}", StringComparison.Ordinal) || status.Contains($"{command.Narrow} {word}", StringComparison.Ordinal);
            Assert.True(present == (width > 80 || !command.Optional), $"'{command.Keys} {word}' in the status line: {present}\n{status}");
        }
    }

    [Fact]
    public void Help_ListsEveryCommandOfBothTables_WithItsKeysAndSentence()
    {
        using var ui = new UiHarness(100, 30);

        ui.Press(new Key('?'));

        var screen = ui.WaitFor("┤Help");
        var commands = MainWindow.Keys.Commands.Select(c => (c.Keys, c.Help)).Concat(PlaygroundOverlay.Keys.Commands.Select(c => (c.Keys, c.Help)));
        foreach (var (keys, help) in commands)
        {
            Assert.Contains($"{keys,-15} {help}", screen);
        }
    }

    [Fact]
    public void Playground_EveryBoundKey_RunsItsCommand_TypingExtendsTheText_TitleFromTheTable()
    {
        using var ui = new UiHarness(100, 30);
        ui.Press(new Key('y'));
        var title = ui.WaitFor("┤Playground");
        foreach (var hint in PlaygroundOverlay.Keys.Hints(new KeyState(ui.Session.Temperature, Paused: false)))
        {
            Assert.Contains($"{hint.Keys} {hint.Short}", title);
        }

        foreach (var command in PlaygroundOverlay.Keys.Commands)
        {
            if (ui.Window.OpenWindow is null)
            {
                ui.Press(new Key('y'));
            }

            if (command.TakesTyping)
            {
                ui.Type("Th");
                Assert.Equal("Th", ui.Window.Playground.Typed);
                Assert.Same(command, ui.Window.Playground.LastCommand);
            }

            foreach (var key in command.Bound)
            {
                ui.Press(key);
                Assert.True(ReferenceEquals(command, ui.Window.Playground.LastCommand), $"{key} ran {ui.Window.Playground.LastCommand?.Keys}, not {command.Keys}");
            }
        }

        Assert.Null(ui.Window.OpenWindow);
    }

    [Fact]
    public void CtrlC_WithAWindowOpen_ClosesItAndAsksToQuit()
    {
        using var ui = new UiHarness(80, 24);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 0, "the first updates");
        ui.Press(new Key('?'));
        ui.WaitFor("┤Help");

        ui.Press(Key.C.WithCtrl);

        var screen = ui.WaitFor("Stop training and quit rnntui?");
        Assert.DoesNotContain("┤Help", screen);
        ui.Press(new Key('n'));
        Assert.Null(ui.Window.OpenWindow);
        Assert.False(ui.Window.StopRequested);
    }

    [Fact]
    public void HostStop_WithAWindowOpen_ClosesItAndStopsTheMainWindow()
    {
        using var ui = new UiHarness(80, 24);
        ui.Press(new Key('?'));
        ui.WaitFor("┤Help");

        // Terminal.Gui applies the application's RequestStop to the top session, here the help window.
        ui.RequestStop();

        ui.WaitUntil(() => ui.Window.StopRequested, "the main window to be asked to stop");
        Assert.Null(ui.Window.OpenWindow);
    }

    [Fact]
    public void KeyTable_KeyBoundTwice_IsRefusedNamingTheKeyAndBothCommands()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyTable<object>(
        [
            new("a/b", "first", _ => { }, 'a', 'b'),
            new("x/b", "second", _ => { }, 'x', 'b'),
        ]));

        Assert.Contains("key b is bound twice, in a/b and x/b", error.Message);
    }
}
