using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The model with the work arranged for speed. Only the recurrence is done a character at a time: W h_{t-1} forward
/// and W^T g_a backward. Everything else runs once per sequence over all its characters: the output scores and the
/// softmax, V^T G_o, and the sums dV = G_o^T H and dW = G_a^T H_prev, each output element accumulated in a register
/// and stored once. U x_t reads one contiguous column; only the columns of the characters seen are added to dU.
/// </summary>
internal sealed class SimdKernel : IRnnKernel
{
    private readonly int _m;
    private readonly int _k;
    private readonly double[] _hs;      // (n + 1) x m: h_0 .. h_n, one row each
    private readonly double[] _ps;      // n x K: p_t, then g_o = p_t - y_t
    private readonly double[] _vtg;     // n x m: V^T g_o for every t
    private readonly double[] _gas;     // n x m: g_a for every t
    private readonly double[] _fromNext; // m: W^T g_a(t + 1)
    private readonly double[] _scratch;  // m

    public SimdKernel(RnnShape shape, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        _hs = new double[(maxSequenceLength + 1) * _m];
        _ps = new double[maxSequenceLength * _k];
        _vtg = new double[maxSequenceLength * _m];
        _gas = new double[maxSequenceLength * _m];
        _fromNext = new double[_m];
        _scratch = new double[_m];
    }

    public RnnShape Shape { get; }

    public int MaxSequenceLength { get; }

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);

        var loss = Forward(parameters, inputs, targets, hidden, n);
        var m = _m;
        var k = _k;
        var w = Shape.W.Of(parameters);
        var v = Shape.V.Of(parameters);
        var dU = Shape.U.Of(gradients);
        var dW = Shape.W.Of(gradients);
        var dV = Shape.V.Of(gradients);
        var db = Shape.B.Of(gradients);
        var dc = Shape.C.Of(gradients);
        var ps = _ps.AsSpan(0, n * k);
        var hs = _hs.AsSpan(0, (n + 1) * m);
        var gas = _gas.AsSpan(0, n * m);

        // G_o = P - Y, and the per-sequence products that do not depend on the recurrence.
        for (var t = 0; t < n; t++)
        {
            ps[(t * k) + targets[t]] -= 1.0;
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

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        return Forward(parameters, inputs, targets, hidden, n);
    }

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        var a = _scratch.AsSpan();
        HiddenStep(parameters, hidden, input, a);
        a.CopyTo(hidden);
        VectorOps.MultiplyRows(Shape.V.Of(parameters), _k, hidden, scores);
        VectorOps.Add(Shape.C.Of(parameters), scores);
    }

    public void Dispose()
    {
    }

    /// <summary>
    /// result[r, :] = sum over t of g[t, r] * h[t, :]: the gradient of a weight matrix from the per-character gradients
    /// g (n x rows) and inputs h (n x m), two result rows at a time.
    /// </summary>
    private void SumOfOuterProducts(ReadOnlySpan<double> h, int n, ReadOnlySpan<double> g, int rows, Span<double> result)
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
    private double Forward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, int n)
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
        var v = Shape.V.Of(parameters);
        var c = Shape.C.Of(parameters);
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
            TensorPrimitives.Exp(p, p);
            var sum = TensorPrimitives.Sum(p);
            TensorPrimitives.Multiply(p, 1.0 / sum, p);
            loss += Math.Log(sum) - scoreOfTarget;
        }

        return loss;
    }

    /// <summary>a = tanh(W h_prev + U[:, x] + b).</summary>
    private void HiddenStep(ReadOnlySpan<double> parameters, ReadOnlySpan<double> hPrev, int input, Span<double> a)
    {
        VectorOps.MultiplyRows(Shape.W.Of(parameters), _m, hPrev, a);
        VectorOps.Add(Shape.U.Of(parameters).Slice(input * _m, _m), a);
        VectorOps.Add(Shape.B.Of(parameters), a);
        TensorPrimitives.Tanh(a, a);
    }

}
