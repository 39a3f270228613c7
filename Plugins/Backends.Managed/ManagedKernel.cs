using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using RnnTui.Contracts;

namespace RnnTui.Backends.Managed;

/// <summary>
/// The model of DESIGN.md in the most direct form: one time step at a time forward, then back-propagation through
/// time, with the outer-product sums of dV and dW formed at the end as matrix products over the sequence.
/// </summary>
/// <remarks>
/// MathNet stores matrices by column. The flat layout stores U by column, and W and V by row, so copying a segment
/// gives U, W^T and V^T as MathNet matrices without rearranging any element.
/// </remarks>
internal sealed class ManagedKernel : IRnnKernel
{
    private readonly int _m;
    private readonly int _k;
    private readonly Matrix<double> _u;   // m x K
    private readonly Matrix<double> _wt;  // m x m, W^T
    private readonly Matrix<double> _vt;  // m x K, V^T
    private readonly Vector<double> _b;
    private readonly Vector<double> _c;

    public ManagedKernel(RnnShape shape, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        _u = DenseMatrix.Create(_m, _k, 0.0);
        _wt = DenseMatrix.Create(_m, _m, 0.0);
        _vt = DenseMatrix.Create(_m, _k, 0.0);
        _b = DenseVector.Create(_m, 0.0);
        _c = DenseVector.Create(_k, 0.0);
    }

    public RnnShape Shape { get; }

    public int MaxSequenceLength { get; }

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);

        Load(parameters);

        // Column t of hs is h_t for t = 0..n (h_0 the incoming state); column t of ps is p_{t+1}.
        var hs = DenseMatrix.Create(_m, n + 1, 0.0);
        var ps = DenseMatrix.Create(_k, n, 0.0);
        hs.SetColumn(0, hidden.ToArray());
        var loss = 0.0;
        var a = DenseVector.Create(_m, 0.0);
        var o = DenseVector.Create(_k, 0.0);
        for (var t = 0; t < n; t++)
        {
            HiddenStep(hs.Column(t), inputs[t], a);
            hs.SetColumn(t + 1, a);
            loss += Output(a, targets[t], o);
            ps.SetColumn(t, o);
        }

        // Backward: g_o = p - y, g_h = V^T g_o + W^T g_a(t+1), g_a = g_h .* (1 - h^2).
        var gos = ps;  // p_t becomes g_o in place
        var gas = DenseMatrix.Create(_m, n, 0.0);
        var dU = DenseMatrix.Create(_m, _k, 0.0);
        var db = DenseVector.Create(_m, 0.0);
        var fromNext = DenseVector.Create(_m, 0.0);
        var gh = DenseVector.Create(_m, 0.0);
        for (var t = n - 1; t >= 0; t--)
        {
            gos[targets[t], t] -= 1.0;
            _vt.Multiply(gos.Column(t), gh);
            gh.Add(fromNext, gh);
            var h = hs.Column(t + 1);
            var ga = gh.PointwiseMultiply(1.0 - h.PointwiseMultiply(h));
            gas.SetColumn(t, ga);
            db.Add(ga, db);
            dU.SetColumn(inputs[t], dU.Column(inputs[t]) + ga);
            _wt.Multiply(ga, fromNext);
        }

        // dV^T = H G_o^T and dW^T = H_prev G_a^T, both m-row matrices in the flat layout's order.
        var hNow = hs.SubMatrix(0, _m, 1, n);
        var hPrev = hs.SubMatrix(0, _m, 0, n);
        var dVt = hNow.TransposeAndMultiply(gos);
        var dWt = hPrev.TransposeAndMultiply(gas);
        var dc = gos.RowSums();

        CopyOut(dU, Shape.U.Of(gradients));
        CopyOut(dWt, Shape.W.Of(gradients));
        CopyOut(dVt, Shape.V.Of(gradients));
        CopyOut(db, Shape.B.Of(gradients));
        CopyOut(dc, Shape.C.Of(gradients));
        CopyOut(hs.Column(n), hidden);
        return loss;
    }

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        Load(parameters);
        var h = DenseVector.OfArray(hidden.ToArray());
        var a = DenseVector.Create(_m, 0.0);
        var o = DenseVector.Create(_k, 0.0);
        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            HiddenStep(h, inputs[t], a);
            a.CopyTo(h);
            loss += Output(h, targets[t], o);
        }

        CopyOut(h, hidden);
        return loss;
    }

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        Load(parameters);
        var h = DenseVector.OfArray(hidden.ToArray());
        var a = DenseVector.Create(_m, 0.0);
        HiddenStep(h, input, a);
        var o = _vt.TransposeThisAndMultiply(a) + _c;
        CopyOut(a, hidden);
        CopyOut(o, scores);
    }

    public void Dispose()
    {
    }

    /// <summary>a = tanh(W h_prev + U x + b), written into <paramref name="result"/>.</summary>
    private void HiddenStep(Vector<double> hPrev, int input, Vector<double> result)
    {
        _wt.TransposeThisAndMultiply(hPrev, result);
        result.Add(_u.Column(input), result);
        result.Add(_b, result);
        result.MapInplace(Math.Tanh);
    }

    /// <summary>Writes p = softmax(V h + c) into <paramref name="p"/> and returns -ln p[target].</summary>
    private double Output(Vector<double> h, int target, Vector<double> p)
    {
        _vt.TransposeThisAndMultiply(h, p);
        p.Add(_c, p);
        var max = p.Maximum();
        var scoreOfTarget = p[target] - max;
        p.MapInplace(x => Math.Exp(x - max));
        var sum = p.Sum();
        p.Divide(sum, p);
        return Math.Log(sum) - scoreOfTarget;
    }

    private void Load(ReadOnlySpan<double> parameters)
    {
        Shape.U.Of(parameters).CopyTo(_u.AsColumnMajorArray());
        Shape.W.Of(parameters).CopyTo(_wt.AsColumnMajorArray());
        Shape.V.Of(parameters).CopyTo(_vt.AsColumnMajorArray());
        Shape.B.Of(parameters).CopyTo(_b.AsArray());
        Shape.C.Of(parameters).CopyTo(_c.AsArray());
    }


    private static void CopyOut(Matrix<double> source, Span<double> destination) => source.AsColumnMajorArray().CopyTo(destination);

    private static void CopyOut(Vector<double> source, Span<double> destination) => source.AsArray().CopyTo(destination);
}
