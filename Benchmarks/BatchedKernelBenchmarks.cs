using BenchmarkDotNet.Attributes;
using RnnTui.Backends.Simd;
using RnnTui.Contracts;

namespace RnnTui.Benchmarks;

/// <summary>
/// One batch of B sequences forward and back through the simd backend's batched kernel, by precision and widest
/// vector width, on the report's network. A call covers B x 25 characters, each about 6m^2 + 6Km = 99,000
/// floating-point operations (the six products, a multiply-add counted as two), so characters per second and
/// GFLOP/s follow from the mean time.
/// </summary>
[MemoryDiagnoser]
public class BatchedKernelBenchmarks
{
    private readonly Workload _workload = new();
    private double[] _parameters = [];
    private double[] _hidden = [];
    private double[] _gradients = [];
    private int[] _inputs = [];
    private int[] _targets = [];
    private IBatchedRnnKernel _kernel = null!;

    [Params("f64", "f32")]
    public string Precision { get; set; } = "f64";

    /// <summary>The widest vectors, in bits; 512 runs with 256-bit vectors where they are not accelerated.</summary>
    [Params(256, 512)]
    public int Width { get; set; } = 256;

    [Params(1, 8, 32)]
    public int Batch { get; set; } = 8;

    [GlobalSetup]
    public void Setup()
    {
        var width = Width == 512 ? VectorWidth.Bits512 : VectorWidth.Bits256;
        var shape = _workload.Shape;
        _kernel = Precision == "f32"
            ? new SimdBatchedSingleKernel(shape, Workload.SequenceLength, Batch, width)
            : new SimdBatchedKernel(shape, Workload.SequenceLength, Batch, width);
        _parameters = _workload.Parameters;
        _hidden = new double[Batch * Workload.Hidden];
        _gradients = new double[shape.ParameterCount];

        // Each sequence of the batch a shifted copy of the workload's, so that the batch reads different columns of U.
        _inputs = new int[Batch * Workload.SequenceLength];
        _targets = new int[Batch * Workload.SequenceLength];
        for (var i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = (_workload.Inputs[i % Workload.SequenceLength] + (i / Workload.SequenceLength)) % Workload.Vocabulary;
            _targets[i] = (_workload.Targets[i % Workload.SequenceLength] + (i / Workload.SequenceLength)) % Workload.Vocabulary;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _kernel.Dispose();

    [Benchmark]
    public double ForwardBackwardBatch()
    {
        Array.Clear(_hidden);
        return _kernel.ForwardBackwardBatch(_parameters, Batch, _inputs, _targets, _hidden, _gradients);
    }
}
