using BenchmarkDotNet.Attributes;
using RnnTui.Backends.Simd;
using RnnTui.Contracts;
using RnnTui.Optimizers.AdaGrad;
using RnnTui.Optimizers.Adam;
using RnnTui.Optimizers.RmsProp;
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

    [Params("adagrad", "sgd", "sgd-nesterov", "rmsprop", "rmsprop-centered-momentum", "adam", "adamw")]
    public string Optimizer { get; set; } = "adagrad";

    /// <summary>All but AdaGrad (whose steps shrink by themselves) at a tiny rate, so that the parameters barely move over the many steps.</summary>
    [GlobalSetup]
    public void Setup() =>
        _optimizer = Optimizer switch
        {
            "adagrad" => new AdaGradOptimizer(_parameters.Length, new AdaGradOptions()),
            "sgd" => new SgdOptimizer(_parameters.Length, new SgdOptions(Eta: 1e-9, Momentum: 0.9)),
            "sgd-nesterov" => new SgdOptimizer(_parameters.Length, new SgdOptions(Eta: 1e-9, Momentum: 0.9, Nesterov: true)),
            "rmsprop" => new RmsPropOptimizer(_parameters.Length, new RmsPropOptions(Eta: 1e-9)),
            "rmsprop-centered-momentum" => new RmsPropOptimizer(_parameters.Length, new RmsPropOptions(Eta: 1e-9, Momentum: 0.9, Centered: true)),
            "adam" => new AdamOptimizer(_parameters.Length, new AdamOptions(Eta: 1e-9)),
            _ => new AdamOptimizer(_parameters.Length, new AdamOptions(Eta: 1e-9, WeightDecay: 0.01)),
        };

    [Benchmark]
    public void Step() => _optimizer.Step(_parameters, _parameters, _gradients, 5.0);
}
