using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using RnnTui.Backends.Simd;

namespace RnnTui.Benchmarks;

/// <summary>
/// The SIMD backend's primitives at the sizes one update uses: the recurrent products with W (100 x 100), done once
/// per character, and the per-sequence products with V (65 x 100), done two characters at a time.
/// </summary>
public class PrimitiveBenchmarks
{
    private readonly double[] _w;
    private readonly double[] _v;
    private readonly double[] _x0;
    private readonly double[] _x1;
    private readonly double[] _g0;
    private readonly double[] _g1;
    private readonly double[] _y0 = new double[Workload.Hidden];
    private readonly double[] _y1 = new double[Workload.Hidden];

    public PrimitiveBenchmarks()
    {
        var workload = new Workload();
        _w = workload.Shape.W.Of(workload.Parameters).ToArray();
        _v = workload.Shape.V.Of(workload.Parameters).ToArray();
        _x0 = workload.Shape.B.Of(workload.Parameters).ToArray();
        _x1 = workload.Shape.U.Of(workload.Parameters)[..Workload.Hidden].ToArray();
        _g0 = workload.Shape.C.Of(workload.Parameters).ToArray();
        _g1 = workload.Shape.V.Of(workload.Parameters)[..Workload.Vocabulary].ToArray();
    }

    [Benchmark(Description = "W h (forward, per character)")]
    public void RecurrentProduct() => VectorOps.MultiplyRows(_w, Workload.Hidden, _x0, _y0);

    [Benchmark(Description = "W^T g (backward, per character)")]
    public void RecurrentTransposedProduct() => VectorOps.CombineRows(_w, Workload.Hidden, _x0, 1, _y0);

    [Benchmark(Description = "V h for two characters")]
    public void OutputProductPair() => VectorOps.MultiplyRowsPair(_v, Workload.Vocabulary, _x0, _x1, _y0.AsSpan(0, Workload.Vocabulary), _y1.AsSpan(0, Workload.Vocabulary));

    [Benchmark(Description = "V^T g for two characters")]
    public void OutputTransposedProductPair() => VectorOps.CombineRowsPair(_v, Workload.Vocabulary, _g0, _g1, 1, _y0, _y1);

    [Benchmark(Description = "tanh of 100")]
    public void Tanh() => TensorPrimitives.Tanh(_x0, _y0);

    [Benchmark(Description = "softmax of 65")]
    public double Softmax()
    {
        var p = _y0.AsSpan(0, Workload.Vocabulary);
        _g0.CopyTo(p);
        var max = TensorPrimitives.Max(p);
        TensorPrimitives.Subtract(p, max, p);
        TensorPrimitives.Exp(p, p);
        var sum = TensorPrimitives.Sum(p);
        TensorPrimitives.Multiply(p, 1.0 / sum, p);
        return sum;
    }
}
