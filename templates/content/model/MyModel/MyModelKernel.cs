using RnnTui.Contracts;

namespace MyModel;

/// <summary>
/// The Elman network of <see cref="MyModelPlugin"/> in plain loops over its segments, each matrix by row. Workspaces
/// are allocated here, once, for the longest sequence, so that an update allocates nothing; a kernel is used by one
/// thread at a time.
/// </summary>
public sealed class MyModelKernel : IRnnKernel
{
    private readonly int _k;
    private readonly int _m;
    private readonly ParameterSegment _u;
    private readonly ParameterSegment _w;
    private readonly ParameterSegment _v;
    private readonly ParameterSegment _b;
    private readonly ParameterSegment _c;
    private readonly double[] _h;       // h_0 .. h_n, m each
    private readonly double[] _p;       // p_1 .. p_n, K each; dL/do_t in the backward pass
    private readonly double[] _carry;   // dL/dh_t that comes back from step t + 1
    private readonly double[] _delta;   // dL/d(U x_t + W h_{t-1} + b)

    /// <summary>Creates a kernel for a shape <see cref="MyModelPlugin.CreateShape"/> made.</summary>
    public MyModelKernel(RnnShape shape, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        (_k, _m) = (shape.VocabularySize, shape.HiddenSize);
        (_u, _w, _v, _b, _c) = (shape.Segments[0], shape.Segments[1], shape.Segments[2], shape.Segments[3], shape.Segments[4]);
        _h = new double[(maxSequenceLength + 1) * _m];
        _p = new double[maxSequenceLength * _k];
        _carry = new double[_m];
        _delta = new double[_m];
    }

    /// <inheritdoc />
    public RnnShape Shape { get; }

    /// <inheritdoc />
    public int MaxSequenceLength { get; }

    /// <inheritdoc />
    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        KernelArguments.CheckGradients(Shape, gradients);
        var loss = Forward(parameters, inputs, targets, hidden);
        gradients.Clear();
        var w = _w.Of(parameters);
        var v = _v.Of(parameters);
        var dU = _u.Of(gradients);
        var dW = _w.Of(gradients);
        var dV = _v.Of(gradients);
        var db = _b.Of(gradients);
        var dc = _c.Of(gradients);
        Array.Clear(_carry);
        for (var t = inputs.Length - 1; t >= 0; t--)
        {
            var h = H(t + 1);
            var before = H(t);
            var dO = P(t);
            dO[targets[t]] -= 1;                          // dL/do = p - onehot(y)

            for (var i = 0; i < _k; i++)
            {
                dc[i] += dO[i];
                for (var j = 0; j < _m; j++)
                {
                    dV[(i * _m) + j] += dO[i] * h[j];
                }
            }

            for (var j = 0; j < _m; j++)
            {
                var dh = _carry[j];                       // dL/dh = V^T dL/do + what step t + 1 sends back
                for (var i = 0; i < _k; i++)
                {
                    dh += v[(i * _m) + j] * dO[i];
                }

                _delta[j] = dh * (1 - (h[j] * h[j]));     // through tanh
            }

            for (var i = 0; i < _m; i++)
            {
                db[i] += _delta[i];
                dU[(i * _k) + inputs[t]] += _delta[i];
                for (var j = 0; j < _m; j++)
                {
                    dW[(i * _m) + j] += _delta[i] * before[j];
                }
            }

            _carry.AsSpan().Clear();                      // W^T delta, for step t - 1
            for (var i = 0; i < _m; i++)
            {
                for (var j = 0; j < _m; j++)
                {
                    _carry[j] += w[(i * _m) + j] * _delta[i];
                }
            }
        }

        return loss;
    }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden) =>
        Forward(parameters, inputs, targets, hidden);

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        hidden.CopyTo(H(0));
        Advance(parameters, input, H(0), H(1));
        Output(parameters, H(1), scores);
        H(1).CopyTo(hidden);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Span<double> H(int t) => _h.AsSpan(t * _m, _m);

    private Span<double> P(int t) => _p.AsSpan(t * _k, _k);

    /// <summary>Runs the sequence from the state given, keeping every h_t and p_t; returns the loss and writes back h_n.</summary>
    private double Forward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        hidden.CopyTo(H(0));
        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            Advance(parameters, inputs[t], H(t), H(t + 1));
            Output(parameters, H(t + 1), P(t));
            loss += Softmax(P(t), targets[t]);
        }

        H(n).CopyTo(hidden);
        return loss;
    }

    /// <summary>h = tanh(U x + W before + b), where U x for a one-hot x is column x of U.</summary>
    private void Advance(ReadOnlySpan<double> parameters, int input, ReadOnlySpan<double> before, Span<double> h)
    {
        var u = _u.Of(parameters);
        var w = _w.Of(parameters);
        var b = _b.Of(parameters);
        for (var i = 0; i < _m; i++)
        {
            var sum = b[i] + u[(i * _k) + input];
            var row = w.Slice(i * _m, _m);
            for (var j = 0; j < _m; j++)
            {
                sum += row[j] * before[j];
            }

            h[i] = Math.Tanh(sum);
        }
    }

    /// <summary>o = V h + c.</summary>
    private void Output(ReadOnlySpan<double> parameters, ReadOnlySpan<double> h, Span<double> o)
    {
        var v = _v.Of(parameters);
        var c = _c.Of(parameters);
        for (var i = 0; i < _k; i++)
        {
            var sum = c[i];
            var row = v.Slice(i * _m, _m);
            for (var j = 0; j < _m; j++)
            {
                sum += row[j] * h[j];
            }

            o[i] = sum;
        }
    }

    /// <summary>Turns scores into probabilities in place and returns -ln p[target], from the largest score for stability.</summary>
    private static double Softmax(Span<double> scores, int target)
    {
        var top = double.NegativeInfinity;
        foreach (var score in scores)
        {
            top = Math.Max(top, score);
        }

        var excess = scores[target] - top;
        var total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Exp(scores[i] - top);
            total += scores[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] /= total;
        }

        return Math.Log(total) - excess;
    }
}
