using System.Numerics;
using System.Numerics.Tensors;
using RnnTui.Contracts;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The model over a batch of B sequences, arranged as products of matrices (<see cref="MatrixProduct"/>). Every state
/// is kept as the contract keeps the hidden states, sequence after sequence: H_t is B x m, P_t is B x K, and the
/// states of all the steps lie one after another, so that the rows of every step form one (n B) x m matrix. Only the
/// recurrence goes a character at a time, H_t = tanh(H_{t-1} W^T + U[x_t] + b) and G_h = V^T g_o + G_a(t + 1) W;
/// the scores P = H V^T, V^T G_o = G_o V and the sums dV = G_o^T H and dW = G_a^T H_prev are each one product over all
/// n B rows. The vectors run along a row (m or K), so every B fills them alike.
/// </summary>
/// <remarks>
/// W^T and V^T are copied from the parameters on every call (m^2 + mK elements, against n B (2m^2 + 2mK)
/// multiply-adds). Written once for float64 and float32 (<typeparamref name="T"/>); losses are added up in float64.
/// </remarks>
internal sealed class SimdBatchedComputation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _m;
    private readonly int _k;
    private readonly T[] _hs;       // (n + 1) x B x m: H_0 .. H_n
    private readonly T[] _ps;       // n x B x K: P_t, then G_o = P_t - Y_t
    private readonly T[] _vtg;      // n x B x m: G_o V for every t
    private readonly T[] _gas;      // n x B x m: G_a for every t
    private readonly T[] _fromNext; // B x m: G_a(t + 1) W
    private readonly T[] _wt;       // m x m: W^T
    private readonly T[] _vt;       // m x K: V^T
    private readonly T[] _ub;       // K x m: U[c] + b for every character c
    private readonly T[] _ones;     // n x B ones, to sum the rows of a matrix as a product

    public SimdBatchedComputation(RnnShape shape, int maxSequenceLength, int maxBatchSize, VectorWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        MaxBatchSize = maxBatchSize;
        Width = width;
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        var rows = maxSequenceLength * maxBatchSize;
        _hs = new T[(rows + maxBatchSize) * _m];
        _ps = new T[rows * _k];
        _vtg = new T[rows * _m];
        _gas = new T[rows * _m];
        _fromNext = new T[maxBatchSize * _m];
        _wt = new T[_m * _m];
        _vt = new T[_m * _k];
        _ub = new T[_k * _m];
        _ones = new T[rows];
        _ones.AsSpan().Fill(T.One);
    }

    public RnnShape Shape { get; }

    public int MaxSequenceLength { get; }

    public int MaxBatchSize { get; }

    /// <summary>The widest vectors the products use.</summary>
    public VectorWidth Width { get; }

    /// <summary>See <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/>; the arguments are checked already.</summary>
    public double ForwardBackwardBatch(ReadOnlySpan<T> parameters, int batch, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<T> hidden, Span<T> gradients)
    {
        var m = _m;
        var k = _k;
        var n = inputs.Length / batch;
        var rows = n * batch;
        var w = Of(Shape.W, parameters);
        var v = Of(Shape.V, parameters);
        VectorOps.Transpose(w, m, m, _wt);
        VectorOps.Transpose(v, k, m, _vt);
        var hs = _hs.AsSpan(0, (rows + batch) * m);
        var ps = _ps.AsSpan(0, rows * k);

        // Forward, then every step's scores at once: P = H_{1..n} V^T + c, a softmax per row. Each row of a step starts
        // as U[x] + b, taken from a table made once per call, and the recurrence's product is added to it.
        var u = Of(Shape.U, parameters);
        var b = Of(Shape.B, parameters);
        for (var character = 0; character < k; character++)
        {
            TensorPrimitives.Add(u.Slice(character * m, m), b, _ub.AsSpan(character * m, m));
        }

        hidden.CopyTo(hs);
        for (var t = 0; t < n; t++)
        {
            var a = hs.Slice((t + 1) * batch * m, batch * m);
            for (var s = 0; s < batch; s++)
            {
                _ub.AsSpan(inputs[(s * n) + t] * m, m).CopyTo(a.Slice(s * m, m));
            }

            MatrixProduct.Multiply<T>(Width, hs.Slice(t * batch * m), m, 1, _wt, m, a, m, batch, m, m, add: true);
            VectorOps.Tanh(a);
        }

        hs.Slice(rows * m, batch * m).CopyTo(hidden);
        MatrixProduct.Multiply<T>(Width, hs[(batch * m)..], m, 1, _vt, k, ps, k, rows, k, m, add: false);
        var loss = RowSoftmax.Apply(Width, Of(Shape.C, parameters), ps, targets, batch);
        Backward(parameters, batch, n, inputs, gradients);
        return loss;
    }

    /// <summary>Back through time from G_o in _ps, writing every gradient.</summary>
    private void Backward(ReadOnlySpan<T> parameters, int batch, int n, ReadOnlySpan<int> inputs, Span<T> gradients)
    {
        var m = _m;
        var k = _k;
        var rows = n * batch;
        var hs = _hs.AsSpan(0, (rows + batch) * m);
        var ps = _ps.AsSpan(0, rows * k);
        var vtg = _vtg.AsSpan(0, rows * m);
        var gas = _gas.AsSpan(0, rows * m);
        var w = Of(Shape.W, parameters);
        var dU = Of(Shape.U, gradients);
        var db = Of(Shape.B, gradients);
        var dc = Of(Shape.C, gradients);

        // V^T g_o of every row at once, then g_a = (V^T g_o + W^T g_a(t + 1)) * (1 - h_t^2) a step at a time.
        MatrixProduct.Multiply<T>(Width, ps, k, 1, Of(Shape.V, parameters), m, vtg, m, rows, m, k, add: false);
        var fromNext = _fromNext.AsSpan(0, batch * m);
        fromNext.Clear();
        dU.Clear();
        for (var t = n - 1; t >= 0; t--)
        {
            var ga = gas.Slice(t * batch * m, batch * m);
            VectorOps.TanhGradient(vtg.Slice(t * batch * m, batch * m), fromNext, hs.Slice((t + 1) * batch * m, batch * m), ga);
            for (var s = 0; s < batch; s++)
            {
                VectorOps.Add(ga.Slice(s * m, m), dU.Slice(inputs[(s * n) + t] * m, m));
            }

            if (t > 0)
            {
                MatrixProduct.Multiply<T>(Width, ga, m, 1, w, m, fromNext, m, batch, m, m, add: false);
            }
        }

        // dV[k, :] = sum over rows of g_o[k] h and dW[i, :] = sum over rows of g_a[i] h_prev: G^T H, A read by column.
        MatrixProduct.Multiply<T>(Width, ps, 1, k, hs[(batch * m)..], m, Of(Shape.V, gradients), m, k, m, rows, add: false);
        MatrixProduct.Multiply<T>(Width, gas, 1, m, hs, m, Of(Shape.W, gradients), m, m, m, rows, add: false);
        // db and dc, the sums of the rows of G_a and G_o, as products with a row of ones.
        MatrixProduct.Multiply<T>(Width, _ones, 0, 1, gas, m, db, m, 1, m, rows, add: false);
        MatrixProduct.Multiply<T>(Width, _ones, 0, 1, ps, k, dc, k, 1, k, rows, add: false);
    }

    private static ReadOnlySpan<T> Of(ParameterSegment segment, ReadOnlySpan<T> buffer) => buffer.Slice(segment.Offset, segment.Length);

    private static Span<T> Of(ParameterSegment segment, Span<T> buffer) => buffer.Slice(segment.Offset, segment.Length);
}
