using BenchmarkDotNet.Attributes;
using RnnTui.Backends.Simd;
using RnnTui.Contracts;
using RnnTui.Optimizers.AdaGrad;
using RnnTui.Optimizers.Sgd;

namespace RnnTui.Benchmarks;

/// <summary>
/// The optimizers' update loops over every parameter, with a real sequence's gradient (dU mostly zero), clipped at 5
/// in the same pass, as training calls them.
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private readonly double[] _parameters;
    private readonly double[] _gradients;
    private IClippingOptimizer _optimizer = null!;

    public OptimizerBenchmarks()
    {
        var workload = new Workload();
        using var kernel = new SimdBackend().CreateKernel(workload.Shape, Workload.SequenceLength);
        _gradients = workload.Gradients(kernel);
        _parameters = workload.Parameters;
    }

    [Params("adagrad", "sgd")]
    public string Optimizer { get; set; } = "adagrad";

    [GlobalSetup]
    public void Setup() =>
        _optimizer = Optimizer == "adagrad"
            ? new AdaGradOptimizer(_parameters.Length, new AdaGradOptions())
            : new SgdOptimizer(_parameters.Length, new SgdOptions(Eta: 1e-9, Momentum: 0.9));

    [Benchmark]
    public void Step() => _optimizer.Step(_parameters, _parameters, _gradients, 5.0);
}
