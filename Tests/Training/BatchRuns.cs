using RnnTui.Contracts;
using RnnTui.Tests.Plugins;
using RnnTui.Training;

namespace RnnTui.Tests.Training;

/// <summary>A random batch of sequences for a shape, and what the batched comparisons run on it.</summary>
internal sealed class BatchRuns
{
    /// <summary>
    /// B sequences of n characters with parameters of scale 0.5 / sqrt(m) (a contracting recurrence, so rounding
    /// differences are compared rather than amplified), biases and hidden states drawn from a seeded generator.
    /// </summary>
    public BatchRuns(RnnShape shape, int batchSize, int n, ulong seed)
    {
        Shape = shape;
        BatchSize = batchSize;
        Length = n;
        var random = new Xoshiro256(seed);
        Parameters = ParameterInitializer.Create(shape, 0.5 / Math.Sqrt(shape.HiddenSize), seed + 1);
        for (var i = shape.B.Offset; i < shape.ParameterCount; i++)
        {
            Parameters[i] = (random.NextDouble() - 0.5) * 0.2;
        }

        Inputs = Enumerable.Range(0, batchSize * n).Select(_ => random.Next(shape.VocabularySize)).ToArray();
        Targets = Enumerable.Range(0, batchSize * n).Select(_ => random.Next(shape.VocabularySize)).ToArray();
        Hidden = Enumerable.Range(0, batchSize * shape.HiddenSize).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    public RnnShape Shape { get; }

    public int BatchSize { get; }

    public int Length { get; }

    public double[] Parameters { get; }

    public int[] Inputs { get; }

    public int[] Targets { get; }

    /// <summary>h_0 of every sequence, B x m.</summary>
    public double[] Hidden { get; }

    /// <summary>A backend's batched kernel, through the plugin catalog as the host creates it.</summary>
    public static IBatchedRnnKernel Kernel(string backend, RnnShape shape, int maxSequenceLength, int maxBatchSize, params (string Key, string Value)[] settings)
    {
        var kernel = Catalog.Instance.Get<IComputeBackend>(backend).Instance
            .CreateKernel(shape, maxSequenceLength, maxBatchSize, new PluginSettings(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))));
        return Assert.IsAssignableFrom<IBatchedRnnKernel>(kernel);
    }

    /// <summary>ForwardBackwardBatch on this batch, every gradient element first set to NaN so that each must be written.</summary>
    public (double Loss, double[] Hidden, double[] Gradients) RunBatch(IBatchedRnnKernel kernel)
    {
        var hidden = (double[])Hidden.Clone();
        var gradients = new double[Shape.ParameterCount];
        Array.Fill(gradients, double.NaN);
        var loss = kernel.ForwardBackwardBatch(Parameters, BatchSize, Inputs, Targets, hidden, gradients);
        return (loss, hidden, gradients);
    }

    /// <summary>ForwardBackward once per sequence: the sum of the losses and of the gradients, and each final state.</summary>
    public (double Loss, double[] Hidden, double[] Gradients) RunEach(IRnnKernel kernel)
    {
        var m = Shape.HiddenSize;
        var hidden = (double[])Hidden.Clone();
        var sum = new double[Shape.ParameterCount];
        var gradients = new double[Shape.ParameterCount];
        var loss = 0.0;
        for (var s = 0; s < BatchSize; s++)
        {
            loss += kernel.ForwardBackward(Parameters, Inputs.AsSpan(s * Length, Length), Targets.AsSpan(s * Length, Length), hidden.AsSpan(s * m, m), gradients);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += gradients[i];
            }
        }

        return (loss, hidden, sum);
    }
}
