using System.Numerics;
using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The model with the work arranged for speed. Only the recurrence is done a character at a time: W h_{t-1} forward
/// and W^T g_a backward. Everything else runs once per sequence over all its characters: the output scores and the
/// softmax, V^T G_o, and the sums dV = G_o^T H and dW = G_a^T H_prev, each output element accumulated in a register
/// and stored once. U x_t reads one contiguous column; only the columns of the characters seen are added to dU.
/// Written once for float64 and float32 (<typeparamref name="T"/>); the kernels check the arguments and hand the
/// parameters over in their element type. Losses are added up in float64 either way.
/// </summary>
internal sealed class SimdComputation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _m;
    private readonly int _k;
    private readonly T[] _hs;      // (n + 1) x m: h_0 .. h_n, one row each
    private readonly T[] _ps;      // n x K: p_t, then g_o = p_t - y_t
    private readonly T[] _vtg;     // n x m: V^T g_o for every t
    private readonly T[] _gas;     // n x m: g_a for every t
    private readonly T[] _fromNext; // m: W^T g_a(t + 1)
    private readonly T[] _scratch;  // m

    public SimdComputation(RnnShape shape, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        _hs = new T[(maxSequenceLength + 1) * _m];
        _ps = new T[maxSequenceLength * _k];
        _vtg = new T[maxSequenceLength * _m];
        _gas = new T[maxSequenceLength * _m];
        _fromNext = new T[_m];
        _scratch = new T[_m];
    }

    public RnnShape Shape { get; }

    public int MaxSequenceLength { get; }

    /// <summary>See <see cref="IRnnKernel.ForwardBackward"/>; the arguments are checked already.</summary>
    public double ForwardBackward(ReadOnlySpan<T> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<T> hidden, Span<T> gradients)
    {
        var n = inputs.Length;
        var loss = Forward(parameters, inputs, targets, hidden, n);
        var m = _m;
        var k = _k;
        var w = Of(Shape.W, parameters);
        var v = Of(Shape.V, parameters);
        var dU = Of(Shape.U, gradients);
        var dW = Of(Shape.W, gradients);
        var dV = Of(Shape.V, gradients);
        var db = Of(Shape.B, gradients);
        var dc = Of(Shape.C, gradients);
        var ps = _ps.AsSpan(0, n * k);
        var hs = _hs.AsSpan(0, (n + 1) * m);
        var gas = _gas.AsSpan(0, n * m);

        // G_o = P - Y, and the per-sequence products that do not depend on the recurrence.
        for (var t = 0; t < n; t++)
        {
            ps[(t * k) + targets[t]] -= T.One;
        }

        var vtg = _vtg.AsSpan(0, n * m);
        var pair = 0;
        for (; pair + 1 < n; pair += 2)
        {
            VectorOps.CombineRowsPair(v, k, ps.Slice(pair * k, k), ps.Slice((pair + 1) * k, k), 1, vtg.Slice(pair * m, m), vtg.Slice((pair + 1) * m, m));
        }

        if (pair < n)
        {
            VectorOps.CombineRows(v, k, ps.Slice(pair * k, k), 1, vtg.Slice(pair * m, m));
        }

        // Back through time: g_a = (V^T g_o + W^T g_a(t + 1)) * (1 - h_t^2).
        dU.Clear();
        db.Clear();
        var fromNext = _fromNext.AsSpan();
        fromNext.Clear();
        for (var t = n - 1; t >= 0; t--)
        {
            var ga = gas.Slice(t * m, m);
            VectorOps.TanhGradient(vtg.Slice(t * m, m), fromNext, hs.Slice((t + 1) * m, m), ga);
            VectorOps.Add(ga, db);
            VectorOps.Add(ga, dU.Slice(inputs[t] * m, m));
            if (t > 0)
            {
                VectorOps.CombineRows(w, m, ga, 1, fromNext);
            }
        }

        // dV[k, :] = sum_t g_o[t, k] h_t; dW[i, :] = sum_t g_a[t, i] h_{t-1}; dc = sum_t g_o.
        SumOfOuterProducts(hs[m..], n, ps, k, dV);
        SumOfOuterProducts(hs, n, gas, m, dW);

        dc.Clear();
        for (var t = 0; t < n; t++)
        {
            VectorOps.Add(ps.Slice(t * k, k), dc);
        }

        return loss;
    }

    /// <summary>See <see cref="IRnnKernel.Loss"/>; the arguments are checked already.</summary>
    public double Loss(ReadOnlySpan<T> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<T> hidden) =>
        Forward(parameters, inputs, targets, hidden, inputs.Length);

    /// <summary>See <see cref="IRnnKernel.Step"/>; the arguments are checked already.</summary>
    public void Step(ReadOnlySpan<T> parameters, int input, Span<T> hidden, Span<T> scores)
    {
        var a = _scratch.AsSpan();
        HiddenStep(parameters, hidden, input, a);
        a.CopyTo(hidden);
        VectorOps.MultiplyRows(Of(Shape.V, parameters), _k, hidden, scores);
        VectorOps.Add(Of(Shape.C, parameters), scores);
    }

    /// <summary>
    /// result[r, :] = sum over t of g[t, r] * h[t, :]: the gradient of a weight matrix from the per-character gradients
    /// g (n x rows) and inputs h (n x m), two result rows at a time.
    /// </summary>
    private void SumOfOuterProducts(ReadOnlySpan<T> h, int n, ReadOnlySpan<T> g, int rows, Span<T> result)
    {
        var m = _m;
        var row = 0;
        for (; row + 1 < rows; row += 2)
        {
            VectorOps.CombineRowsPair(h, n, g[row..], g[(row + 1)..], rows, result.Slice(row * m, m), result.Slice((row + 1) * m, m));
        }

        if (row < rows)
        {
            VectorOps.CombineRows(h, n, g[row..], rows, result.Slice(row * m, m));
        }
    }

    /// <summary>The recurrence, then the scores, softmax and loss of every character at once; leaves P in _ps.</summary>
    private double Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<T> hidden, int n)
    {
        var m = _m;
        var k = _k;
        var hs = _hs.AsSpan(0, (n + 1) * m);
        hidden.CopyTo(hs);
        for (var t = 0; t < n; t++)
        {
            HiddenStep(parameters, hs.Slice(t * m, m), inputs[t], hs.Slice((t + 1) * m, m));
        }

        hs.Slice(n * m, m).CopyTo(hidden);
        var v = Of(Shape.V, parameters);
        var c = Of(Shape.C, parameters);
        var pair = 0;
        for (; pair + 1 < n; pair += 2)
        {
            VectorOps.MultiplyRowsPair(v, k, hs.Slice((pair + 1) * m, m), hs.Slice((pair + 2) * m, m), _ps.AsSpan(pair * k, k), _ps.AsSpan((pair + 1) * k, k));
        }

        if (pair < n)
        {
            VectorOps.MultiplyRows(v, k, hs.Slice((pair + 1) * m, m), _ps.AsSpan(pair * k, k));
        }

        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            var p = _ps.AsSpan(t * k, k);
            VectorOps.Add(c, p);
            var max = TensorPrimitives.Max(p);
            var scoreOfTarget = p[targets[t]] - max;
            TensorPrimitives.Subtract(p, max, p);
            VectorOps.Exp(p);
            var sum = TensorPrimitives.Sum(p);
            TensorPrimitives.Multiply(p, T.One / sum, p);
            loss += double.CreateTruncating(T.Log(sum) - scoreOfTarget);
        }

        return loss;
    }

    /// <summary>a = tanh(W h_prev + U[:, x] + b).</summary>
    private void HiddenStep(ReadOnlySpan<T> parameters, ReadOnlySpan<T> hPrev, int input, Span<T> a)
    {
        VectorOps.MultiplyRows(Of(Shape.W, parameters), _m, hPrev, a);
        VectorOps.Add(Of(Shape.U, parameters).Slice(input * _m, _m), a);
        VectorOps.Add(Of(Shape.B, parameters), a);
        VectorOps.Tanh(a);
    }

    private static Span<T> Of(ParameterSegment segment, Span<T> buffer) => buffer.Slice(segment.Offset, segment.Length);

    private static ReadOnlySpan<T> Of(ParameterSegment segment, ReadOnlySpan<T> buffer) => buffer.Slice(segment.Offset, segment.Length);
}
