using System.Globalization;
using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

public sealed class ValidationTests
{
    private static string Steps(long steps) => steps.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("managed")]
    [InlineData("simd")]
    public void ValidationLoss_EqualsTheMeanOfKernelLossOverTheHeldOutSequences(string backend)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings(
            "--corpus", corpus, "--hidden", "16", "--steps", "120", "--backend", backend, "--validation", "0.2", "--validation-interval", "60"));

        trainer.RunLoop();

        // Independently: the last floor(0.2 n) characters, read as consecutive sequences of 25 from h = 0 with h carried.
        var vocabulary = Vocabulary.Of(TestData.SmallCorpus);
        var text = vocabulary.Encode(TestData.SmallCorpus);
        var heldOut = text[(text.Length - (int)Math.Floor(0.2 * text.Length))..];
        var shape = new RnnShape(vocabulary.Count, 16);
        using var kernel = Catalog.Kernel(backend, shape, 25);
        var parameters = trainer.Capture().Parameters;
        var hidden = new double[16];
        var sequences = (heldOut.Length - 1) / 25;
        var sum = 0.0;
        for (var i = 0; i < sequences; i++)
        {
            sum += kernel.Loss(parameters, heldOut.AsSpan(i * 25, 25), heldOut.AsSpan((i * 25) + 1, 25), hidden);
        }

        var validation = trainer.Validation;
        Assert.True(sequences > 20, $"{sequences} sequences");
        Assert.Equal(120, validation.Step);
        Assert.Equal(sum / sequences, validation.Loss, 12);
        Assert.Equal(sum / sequences / 25, validation.PerCharacter, 12);
        Assert.True(validation.Milliseconds >= 0);
        Assert.InRange(validation.BestStep, 60, 120);
        Assert.Equal(validation.BestLoss, Math.Min(validation.BestLoss, validation.Loss));
    }

    [Fact]
    public void Validation_TrainsOnlyOnTheHeadOfTheText()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--validation", "0.2", "--epochs", "1"));

        var data = trainer.Description.Corpus;
        trainer.RunLoop();

        var head = TestData.SmallCorpus.Length - (int)Math.Floor(0.2 * TestData.SmallCorpus.Length);
        Assert.Equal(head, data.TrainingText.Length);
        Assert.Equal(TestData.SmallCorpus.Length - head, data.HeldOut.Length);
        Assert.Equal(data.Text, data.TrainingText.Concat(data.HeldOut).ToArray());
        Assert.Equal(Vocabulary.Of(TestData.SmallCorpus).Count, trainer.Description.Shape.VocabularySize);
        Assert.Equal((head - 1) / 25, trainer.Step);
    }

    [Fact]
    public void BestByValidation_BestParametersAreThoseOfTheLowestValidationLoss()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        Trainer Train(long steps, string bestBy)
        {
            var trainer = Catalog.Trainer(TestData.Settings(
                "--corpus", corpus, "--hidden", "16", "--steps", Steps(steps), "--eta", "0.3", "--validation", "0.2", "--validation-interval", "40", "--best-by", bestBy));
            trainer.RunLoop();
            return trainer;
        }

        using var trainer = Train(600, "validation");
        var best = trainer.Validation.BestStep;
        using var upToBest = Train(best, "training");

        Assert.InRange(best, 40, 600);
        Assert.Equal(best, trainer.BestParametersStep);
        Assert.Equal(upToBest.Capture().Parameters, trainer.Capture().BestParameters);
        Assert.Equal(best, trainer.Capture().BestParametersStep);
    }

    [Fact]
    public void NoValidation_TrainerAndCheckpointCarryNone()
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings("--corpus", corpus, "--hidden", "8", "--steps", "50"));

        trainer.RunLoop();

        Assert.False(trainer.Validation.HasLoss);
        Assert.Same(trainer.Description.Corpus.Text, trainer.Description.Corpus.TrainingText);
        Assert.Equal(0, trainer.Capture().HeldOutLength);
        Assert.Equal(trainer.BestStep, trainer.BestParametersStep);
    }
}
