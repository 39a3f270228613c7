using BenchmarkDotNet.Attributes;
using RnnTui.Backends.Managed;
using RnnTui.Backends.Simd;
using RnnTui.Contracts;

namespace RnnTui.Benchmarks;

/// <summary>One sequence forward and back, forward only, and one sampling step, on each backend.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private readonly Workload _workload = new();
    private readonly double[] _hidden = new double[Workload.Hidden];
    private readonly double[] _scores = new double[Workload.Vocabulary];
    private double[] _gradients = [];
    private IRnnKernel _kernel = null!;

    /// <summary>A backend and, after a space, its precision setting.</summary>
    [Params("managed", "simd", "simd f32")]
    public string Backend { get; set; } = "simd";

    [GlobalSetup]
    public void Setup()
    {
        IComputeBackend backend = Backend == "managed" ? new ManagedBackend() : new SimdBackend();
        var precision = Backend.EndsWith(" f32", StringComparison.Ordinal) ? "f32" : "f64";
        _kernel = backend.CreateKernel(_workload.Shape, Workload.SequenceLength, new PluginSettings([KeyValuePair.Create("precision", precision)]));
        _gradients = new double[_workload.Shape.ParameterCount];
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark]
    public double ForwardBackward()
    {
        Array.Clear(_hidden);
        return _kernel.ForwardBackward(_workload.Parameters, _workload.Inputs, _workload.Targets, _hidden, _gradients);
    }

    [Benchmark]
    public double Loss()
    {
        Array.Clear(_hidden);
        return _kernel.Loss(_workload.Parameters, _workload.Inputs, _workload.Targets, _hidden);
    }

    [Benchmark]
    public double SamplingStep()
    {
        _kernel.Step(_workload.Parameters, _workload.Inputs[0], _hidden, _scores);
        return _scores[0];
    }
}
