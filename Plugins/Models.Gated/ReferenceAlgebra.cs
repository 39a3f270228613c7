namespace RnnTui.Models.Gated;

/// <summary>
/// The vector and matrix operations the reference kernels (<see cref="GatedKernel"/>) are written in, as plain loops in
/// float64: the reference, written to be read. Matrices are stored by row. An output may be the same span as an input,
/// never a partly overlapping one. No operation allocates.
/// </summary>
internal sealed class ReferenceAlgebra
{
    public void AddProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y)
    {
        var columns = x.Length;
        for (var i = 0; i < y.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < columns; j++)
            {
                sum += matrix[(i * columns) + j] * x[j];
            }

            y[i] += sum;
        }
    }

    public void AddTransposedProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y)
    {
        var columns = y.Length;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                y[j] += matrix[(i * columns) + j] * x[i];
            }
        }
    }

    public void AddOuterProduct(Span<double> matrix, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var columns = b.Length;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                matrix[(i * columns) + j] += a[i] * b[j];
            }
        }
    }

    public void Add(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += x[i];
        }
    }

    public void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] * y[i];
        }
    }

    public void AddMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] += x[i] * y[i];
        }
    }

    public void SubtractMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] -= x[i] * y[i];
        }
    }

    public void Interpolate(ReadOnlySpan<double> from, ReadOnlySpan<double> to, ReadOnlySpan<double> weight, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = from[i] + (weight[i] * (to[i] - from[i]));
        }
    }

    public void Sigmoid(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 1.0 / (1.0 + Math.Exp(-values[i]));
        }
    }

    public void Tanh(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Tanh(values[i]);
        }
    }

    public void SigmoidGradient(ReadOnlySpan<double> s, ReadOnlySpan<double> gradient, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = gradient[i] * s[i] * (1.0 - s[i]);
        }
    }

    public void TanhGradient(ReadOnlySpan<double> t, ReadOnlySpan<double> gradient, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = gradient[i] * (1.0 - (t[i] * t[i]));
        }
    }

    public double Softmax(Span<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp(values[i] - max);
            sum += values[i];
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= sum;
        }

        return max + Math.Log(sum);
    }
}
