using RnnTui.Contracts;

namespace MyBackend;

/// <summary>
/// The vanilla RNN of IRnnKernel's remarks in plain loops over the flat parameter layout of <see cref="RnnShape"/>:
/// U (m x K) by column, W (m x m) and V (K x m) by row, then b and c. Every workspace is allocated here, once, so
/// that an update allocates nothing; a kernel is used by one thread at a time.
/// </summary>
public sealed class MyBackendKernel : IRnnKernel
{
    private readonly int _m;
    private readonly int _k;
    private readonly double[] _states;      // h_0 .. h_n, m each
    private readonly double[] _outputs;     // p_1 .. p_n, K each; overwritten with dL/do during the backward pass
    private readonly double[] _fromLater;   // W^T dL/da_{t+1}
    private readonly double[] _gradA;       // dL/da_t

    /// <summary>Creates a kernel for a shape.</summary>
    public MyBackendKernel(RnnShape shape, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 1);
        Shape = shape;
        MaxSequenceLength = maxSequenceLength;
        _m = shape.HiddenSize;
        _k = shape.VocabularySize;
        _states = new double[(maxSequenceLength + 1) * _m];
        _outputs = new double[maxSequenceLength * _k];
        _fromLater = new double[_m];
        _gradA = new double[_m];
    }

    /// <inheritdoc />
    public RnnShape Shape { get; }

    /// <inheritdoc />
    public int MaxSequenceLength { get; }

    /// <inheritdoc />
    public double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        KernelArguments.CheckGradients(Shape, gradients);
        var w = Shape.W.Of(parameters);
        var v = Shape.V.Of(parameters);

        hidden.CopyTo(_states);
        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            Advance(parameters, inputs[t], State(t), State(t + 1));
            loss += Probabilities(parameters, State(t + 1), Output(t), targets[t]);
        }

        gradients.Clear();
        var dU = Shape.U.Of(gradients);
        var dW = Shape.W.Of(gradients);
        var dV = Shape.V.Of(gradients);
        var db = Shape.B.Of(gradients);
        var dc = Shape.C.Of(gradients);
        Array.Clear(_fromLater);
        for (var t = n - 1; t >= 0; t--)
        {
            var h = State(t + 1);
            var previous = State(t);
            var dOut = Output(t);
            dOut[targets[t]] -= 1.0;                       // dL/do = p - y

            for (var k = 0; k < _k; k++)
            {
                dc[k] += dOut[k];
                for (var j = 0; j < _m; j++)
                {
                    dV[(k * _m) + j] += dOut[k] * h[j];
                }
            }

            for (var j = 0; j < _m; j++)
            {
                var dh = _fromLater[j];                    // dL/dh = V^T dL/do + W^T dL/da_{t+1}
                for (var k = 0; k < _k; k++)
                {
                    dh += v[(k * _m) + j] * dOut[k];
                }

                _gradA[j] = dh * (1.0 - (h[j] * h[j]));    // tanh' = 1 - h^2
            }

            var column = inputs[t] * _m;
            for (var i = 0; i < _m; i++)
            {
                db[i] += _gradA[i];
                dU[column + i] += _gradA[i];
                for (var j = 0; j < _m; j++)
                {
                    dW[(i * _m) + j] += _gradA[i] * previous[j];
                }
            }

            for (var j = 0; j < _m; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < _m; i++)
                {
                    sum += w[(i * _m) + j] * _gradA[i];
                }

                _fromLater[j] = sum;
            }
        }

        State(n).CopyTo(hidden);
        return loss;
    }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden)
    {
        var n = KernelArguments.CheckSequence(Shape, MaxSequenceLength, parameters, inputs, targets, hidden);
        hidden.CopyTo(_states);
        var loss = 0.0;
        for (var t = 0; t < n; t++)
        {
            Advance(parameters, inputs[t], State(t), State(t + 1));
            loss += Probabilities(parameters, State(t + 1), Output(t), targets[t]);
        }

        State(n).CopyTo(hidden);
        return loss;
    }

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores)
    {
        KernelArguments.CheckStep(Shape, parameters, input, hidden, scores);
        hidden.CopyTo(_states);
        Advance(parameters, input, State(0), State(1));
        Scores(parameters, State(1), scores);
        State(1).CopyTo(hidden);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Span<double> State(int t) => _states.AsSpan(t * _m, _m);

    private Span<double> Output(int t) => _outputs.AsSpan(t * _k, _k);

    /// <summary>h = tanh(W previous + U x + b).</summary>
    private void Advance(ReadOnlySpan<double> parameters, int input, ReadOnlySpan<double> previous, Span<double> h)
    {
        var u = Shape.U.Of(parameters);
        var w = Shape.W.Of(parameters);
        var b = Shape.B.Of(parameters);
        for (var i = 0; i < _m; i++)
        {
            var a = b[i] + u[(input * _m) + i];
            for (var j = 0; j < _m; j++)
            {
                a += w[(i * _m) + j] * previous[j];
            }

            h[i] = Math.Tanh(a);
        }
    }

    /// <summary>o = V h + c.</summary>
    private void Scores(ReadOnlySpan<double> parameters, ReadOnlySpan<double> h, Span<double> o)
    {
        var v = Shape.V.Of(parameters);
        var c = Shape.C.Of(parameters);
        for (var k = 0; k < _k; k++)
        {
            var sum = c[k];
            for (var j = 0; j < _m; j++)
            {
                sum += v[(k * _m) + j] * h[j];
            }

            o[k] = sum;
        }
    }

    /// <summary>Writes p = softmax(V h + c) and returns -ln p[target], computed stably from the largest score.</summary>
    private double Probabilities(ReadOnlySpan<double> parameters, ReadOnlySpan<double> h, Span<double> p, int target)
    {
        Scores(parameters, h, p);
        var max = double.NegativeInfinity;
        foreach (var score in p)
        {
            max = Math.Max(max, score);
        }

        var targetScore = p[target] - max;
        var sum = 0.0;
        for (var k = 0; k < _k; k++)
        {
            p[k] = Math.Exp(p[k] - max);
            sum += p[k];
        }

        for (var k = 0; k < _k; k++)
        {
            p[k] /= sum;
        }

        return Math.Log(sum) - targetScore;
    }
}
