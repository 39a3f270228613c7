using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using RnnTui.Contracts;

namespace RnnTui.Backends.Managed;

/// <summary>
/// The batched reference: the model of DESIGN.md with the B sequences side by side as the columns of m x B and K x B
/// matrices, one time step at a time forward and back. Each column is computed as <see cref="ManagedKernel"/>
/// computes its sequence alone; the gradients are summed over the columns. The single-sequence methods are the
/// ordinary kernel's.
/// </summary>
/// <remarks>
/// The B x m hidden states of the contract, sequence after sequence, are an m x B matrix in MathNet's by-column order,
/// so they are copied in and out without rearranging. Plain rather than fast: it allocates its matrices per call.
/// </remarks>
internal sealed class ManagedBatchedKernel : IBatchedRnnKernel
{
    private readonly ManagedKernel _single;
    private readonly int _m;
    private readonly int _k;

    public ManagedBatchedKernel(RnnShape shape, int maxSequenceLength, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _single = new ManagedKernel(shape, maxSequenceLength);
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        MaxBatchSize = maxBatchSize;
    }

    public RnnShape Shape => _single.Shape;

    public int MaxSequenceLength => _single.MaxSequenceLength;

    public int MaxBatchSize { get; }

    public double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var n = KernelArguments.CheckBatch(Shape, MaxSequenceLength, MaxBatchSize, parameters, batchSize, inputs, targets, hidden, gradients);
        var batch = batchSize;

        // MathNet is by column: U as stored, and W^T, V^T from W and V stored by row.
        var u = DenseMatrix.Build.DenseOfColumnMajor(_m, _k, Shape.U.Of(parameters).ToArray());
        var w = DenseMatrix.Build.DenseOfColumnMajor(_m, _m, Shape.W.Of(parameters).ToArray()).Transpose();
        var v = DenseMatrix.Build.DenseOfColumnMajor(_m, _k, Shape.V.Of(parameters).ToArray()).Transpose();
        var b = DenseVector.OfArray(Shape.B.Of(parameters).ToArray());
        var c = DenseVector.OfArray(Shape.C.Of(parameters).ToArray());

        // hs[t] is H_t (m x B, column s the hidden state of sequence s) for t = 0..n; ps[t] is P_{t+1} (K x B).
        var hs = new Matrix<double>[n + 1];
        var ps = new Matrix<double>[n];
        hs[0] = DenseMatrix.Build.DenseOfColumnMajor(_m, batch, hidden.ToArray());
        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            var a = w * hs[t];
            for (var s = 0; s < batch; s++)
            {
                a.SetColumn(s, a.Column(s) + u.Column(inputs[(s * n) + t]) + b);
            }

            hs[t + 1] = a.Map(Math.Tanh);
            var o = v * hs[t + 1];
            ps[t] = DenseMatrix.Create(_k, batch, 0.0);
            for (var s = 0; s < batch; s++)
            {
                var scores = o.Column(s) + c;
                var max = scores.Maximum();
                var exp = scores.Map(x => Math.Exp(x - max));
                var sum = exp.Sum();
                ps[t].SetColumn(s, exp / sum);
                loss += Math.Log(sum) - (scores[targets[(s * n) + t]] - max);
            }
        }

        // Back through time: G_o = P - Y, G_h = V^T G_o + W^T G_a(t + 1), G_a = G_h .* (1 - H_t .* H_t).
        Matrix<double> dU = DenseMatrix.Create(_m, _k, 0.0);
        Matrix<double> dW = DenseMatrix.Create(_m, _m, 0.0);
        Matrix<double> dV = DenseMatrix.Create(_k, _m, 0.0);
        Vector<double> db = DenseVector.Create(_m, 0.0);
        Vector<double> dc = DenseVector.Create(_k, 0.0);
        Matrix<double> fromNext = DenseMatrix.Create(_m, batch, 0.0);
        for (var t = n - 1; t >= 0; t--)
        {
            var go = ps[t];
            for (var s = 0; s < batch; s++)
            {
                go[targets[(s * n) + t], s] -= 1.0;
            }

            var gh = v.TransposeThisAndMultiply(go) + fromNext;
            var ga = gh.PointwiseMultiply(1.0 - hs[t + 1].PointwiseMultiply(hs[t + 1]));
            dV += go.TransposeAndMultiply(hs[t + 1]);
            dW += ga.TransposeAndMultiply(hs[t]);
            dc += go.RowSums();
            db += ga.RowSums();
            for (var s = 0; s < batch; s++)
            {
                var x = inputs[(s * n) + t];
                dU.SetColumn(x, dU.Column(x) + ga.Column(s));
            }

            fromNext = w.TransposeThisAndMultiply(ga);
        }

        // U by column is MathNet's order; W and V by row are the order of their transposes.
        dU.AsColumnMajorArray().CopyTo(Shape.U.Of(gradients));
        dW.Transpose().AsColumnMajorArray().CopyTo(Shape.W.Of(gradients));
        dV.Transpose().AsColumnMajorArray().CopyTo(Shape.V.Of(gradients));
        db.AsArray().CopyTo(Shape.B.Of(gradients));
        dc.AsArray().CopyTo(Shape.C.Of(gradients));
        hs[n].AsColumnMajorArray().CopyTo(hidden);
        return loss;
    }

    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients) =>
        _single.ForwardBackward(parameters, inputs, targets, hidden, gradients);

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        _single.Loss(parameters, inputs, targets, hidden);

    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores) =>
        _single.Step(parameters, input, hidden, scores);

    public void Dispose() => _single.Dispose();
}
