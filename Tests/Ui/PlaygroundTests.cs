using RnnTui.Text;
using RnnTui.Ui;
using Terminal.Gui.Input;

namespace RnnTui.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class PlaygroundTests
{
    [Fact]
    public void Playground_TypedText_ShowsTheFiveProbabilitiesOfSamplerPredict()
    {
        using var ui = new UiHarness(100, 30);
        ui.WaitFor(s => MainWindowTests.UpdateStep(s) > 20, "some updates");
        ui.Press(new Key('p'));
        ui.WaitUntil(() => ui.Session.Trainer.Latest.Status == RnnTui.Training.TrainerStatus.Paused, "training to pause");

        ui.Press(new Key('y'));
        ui.Type("The kee");
        ui.WaitUntil(() => ui.Window.Playground.PredictedFor == "The kee", "the predictions");

        var trainer = ui.Session.Trainer;
        var state = ui.Await(trainer.CaptureAsync());
        var description = trainer.Description;
        using var kernel = Plugins.Catalog.Kernel(description.Backend.Name, description.Shape, 25);
        var expected = new double[description.Shape.VocabularySize];
        new RnnTui.Training.Sampler(kernel, description.Corpus.Vocabulary).Predict(state.Parameters, description.Corpus.Vocabulary.Encode("The kee"), 1.0, expected);
        var top = expected.Select((p, i) => (p, i)).OrderByDescending(x => x.p).ThenBy(x => x.i).Take(5).ToArray();
        var shown = ui.Window.Playground.Predictions;
        var screen = ui.WaitFor("next character");
        Assert.Equal(5, shown.Count);
        for (var rank = 0; rank < 5; rank++)
        {
            Assert.Equal(description.Corpus.Vocabulary[top[rank].i], shown[rank].Character);
            Assert.Equal(top[rank].p, shown[rank].Probability);
            Assert.Contains($"{PlaygroundOverlay.Shown(shown[rank].Character),-7}", screen);
            Assert.Contains(Format.Percent(top[rank].p), screen);
        }
    }

    [Fact]
    public void Playground_TabAcceptsTheLikeliestCharacter_EnterContinues_EscCloses()
    {
        using var ui = new UiHarness(100, 30);
        ui.Press(Key.Tab);
        ui.Type("Th");
        ui.WaitUntil(() => ui.Window.Playground.PredictedFor == "Th", "the predictions");
        var likeliest = ui.Window.Playground.Predictions[0].Character;

        ui.Press(Key.Tab);
        Assert.Equal("Th" + likeliest, ui.Window.Playground.Typed);

        ui.Press(Key.Enter);
        ui.WaitFor("the model continues (200 characters)");
        ui.Press(Key.Esc);
        ui.WaitFor(s => !s.Contains("┤Playground", StringComparison.Ordinal), "the playground to close");
    }

    [Fact]
    public void Playground_CharacterNotInTheVocabulary_SaysSoWithoutPredicting()
    {
        using var ui = new UiHarness(100, 30);
        ui.Press(new Key('y'));

        ui.Type("Zé");

        var screen = ui.WaitFor("not among the corpus");
        Assert.Contains("'Z' (U+005A)", screen);
        Assert.True(screen.Contains("'é' (U+00E9)", StringComparison.Ordinal), screen);
        ui.Press(Key.Backspace);
        ui.Press(Key.Backspace);
        ui.WaitUntil(() => ui.Window.Playground.PredictedFor == "", "predictions for the empty text");
    }
}
