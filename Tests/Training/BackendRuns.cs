using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>What the backend comparisons run: one sequence through a kernel, and a short training run.</summary>
internal static class BackendRuns
{
    /// <summary>ForwardBackward from h0, every gradient element first set to NaN, so that each must be written.</summary>
    public static (double Loss, double[] Hidden, double[] Gradients) ForwardBackward(IRnnKernel kernel, double[] parameters, int[] inputs, int[] targets, double[] h0)
    {
        var hidden = (double[])h0.Clone();
        var gradients = new double[kernel.Shape.ParameterCount];
        Array.Fill(gradients, double.NaN);
        var loss = kernel.ForwardBackward(parameters, inputs, targets, hidden, gradients);
        return (loss, hidden, gradients);
    }

    /// <summary>Twenty updates of a 20-unit network on the small corpus with a backend: the smooth loss and parameters.</summary>
    public static (double SmoothLoss, double[] Parameters) TrainTwentyUpdates(string backend, params string[] options)
    {
        using var folder = TestData.TempFolder();
        var corpus = folder.File("small.txt", TestData.SmallCorpus);
        using var trainer = Catalog.Trainer(TestData.Settings(["--corpus", corpus, "--hidden", "20", "--steps", "20", "--backend", backend, .. options]));
        trainer.RunLoop();
        return (trainer.SmoothLoss, trainer.Capture().Parameters);
    }
}
