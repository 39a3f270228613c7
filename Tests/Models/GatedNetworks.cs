using RnnTui.Backends.Simd;
using RnnTui.Contracts;
using RnnTui.Models.Gated;

namespace RnnTui.Tests.Models;

/// <summary>The gated models' shapes and kernels as the tests make them, and random networks, states and sequences.</summary>
internal static class GatedNetworks
{
    public static readonly string[] ModelNames = ["gru", "lstm"];

    public static readonly string[] BackendNames = ["managed", "simd"];

    /// <summary>Every gated model on every backend that has a kernel for it, as theory data.</summary>
    public static TheoryData<string, string> ModelsOnBackends()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ModelNames)
        {
            foreach (var backend in BackendNames)
            {
                data.Add(model, backend);
            }
        }

        return data;
    }

    public static IRecurrentModel Model(string name) => name switch
    {
        "gru" => new GruModel(),
        "lstm" => new LstmModel(),
        _ => throw new ArgumentException($"no gated model {name}", nameof(name)),
    };

    public static PluginSettings SettingsOf(params (string Key, string Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, v.Value)));

    public static PluginSettings SettingsOf(int layers, double dropout = 0) =>
        SettingsOf(("layers", layers.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("dropout", PluginSettings.Format(dropout)));

    public static RnnShape Shape(string model, int vocabularySize, int hiddenSize, int layers) =>
        Model(model).CreateShape(vocabularySize, hiddenSize, SettingsOf(layers));

    public static ModelKernelRequest Request(string backend, int maxSequenceLength, PluginSettings modelSettings, PluginSettings? backendSettings = null) =>
        new(backend, new SimdBackend(), maxSequenceLength, 1, backendSettings ?? PluginSettings.Empty, modelSettings);

    /// <summary>A kernel of a model on a backend, with the shape's layers and the dropout given.</summary>
    public static IRnnKernel Kernel(string model, string backend, RnnShape shape, int maxSequenceLength, double dropout = 0) =>
        Model(model).CreateKernel(shape, Request(backend, maxSequenceLength, SettingsOf(shape.Layers, dropout)))
        ?? throw new InvalidOperationException($"{model} has no kernel for {backend}");

    /// <summary>A model's simd kernel for batches of up to <paramref name="maxBatchSize"/>, in a precision.</summary>
    public static IBatchedRnnKernel BatchedKernel(string model, RnnShape shape, int maxSequenceLength, int maxBatchSize, string precision = "f64", double dropout = 0)
    {
        var request = Request("simd", maxSequenceLength, SettingsOf(shape.Layers, dropout), SettingsOf(("precision", precision))) with { MaxBatchSize = maxBatchSize };
        return Model(model).CreateKernel(shape, request) as IBatchedRnnKernel
            ?? throw new InvalidOperationException($"{model} has no batched kernel for simd");
    }

    /// <summary>Parameters drawn from N(0, sigma^2).</summary>
    public static double[] Parameters(RnnShape shape, Random random, double sigma = 0.3)
    {
        var parameters = new double[shape.ParameterCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            // Box-Muller: a standard normal from two uniform numbers.
            var u = 1.0 - random.NextDouble();
            var v = random.NextDouble();
            parameters[i] = sigma * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
        }

        return parameters;
    }

    /// <summary>A state with every element in (-0.5, 0.5).</summary>
    public static double[] State(RnnShape shape, Random random) =>
        Enumerable.Range(0, shape.StateSize).Select(_ => random.NextDouble() - 0.5).ToArray();

    public static int[] Characters(int length, int vocabularySize, Random random) =>
        Enumerable.Range(0, length).Select(_ => random.Next(vocabularySize)).ToArray();

    /// <summary>ForwardBackward from a copy of the start state: the loss, the final state and the gradient.</summary>
    public static (double Loss, double[] State, double[] Gradients) ForwardBackward(IRnnKernel kernel, double[] parameters, int[] inputs, int[] targets, double[] start)
    {
        var state = (double[])start.Clone();
        var gradients = new double[kernel.Shape.ParameterCount];
        Array.Fill(gradients, double.NaN);
        var loss = kernel.ForwardBackward(parameters, inputs, targets, state, gradients);
        return (loss, state, gradients);
    }
}
