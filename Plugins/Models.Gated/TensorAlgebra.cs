using System.Numerics.Tensors;

namespace RnnTui.Models.Gated;

/// <summary>
/// The operations of <see cref="VectorAlgebra"/> over TensorPrimitives, which vectorize each row and element-wise pass
/// at the widest width the processor accelerates. A matrix-vector product is a dot product per row (A x) or a scaled
/// row added per element of x (A^T x), so that every pass runs over contiguous memory.
/// </summary>
/// <param name="length">The longest element-wise operand (m), for the one scratch vector some operations need.</param>
internal sealed class TensorAlgebra(int length) : VectorAlgebra
{
    private readonly double[] _scratch = new double[length];

    public override void AddProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y)
    {
        var columns = x.Length;
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += TensorPrimitives.Dot(matrix.Slice(i * columns, columns), x);
        }
    }

    public override void AddTransposedProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y)
    {
        var columns = y.Length;
        for (var i = 0; i < x.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(matrix.Slice(i * columns, columns), x[i], y, y);
        }
    }

    public override void AddOuterProduct(Span<double> matrix, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var columns = b.Length;
        for (var i = 0; i < a.Length; i++)
        {
            var row = matrix.Slice(i * columns, columns);
            TensorPrimitives.MultiplyAdd(b, a[i], row, row);
        }
    }

    public override void Add(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Add(x, y, y);

    public override void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) =>
        TensorPrimitives.Multiply(x, y, destination);

    public override void AddMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) =>
        TensorPrimitives.MultiplyAdd(x, y, destination, destination);

    public override void SubtractMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        var product = Scratch(destination.Length);
        TensorPrimitives.Multiply(x, y, product);
        TensorPrimitives.Subtract(destination, product, destination);
    }

    public override void Interpolate(ReadOnlySpan<double> from, ReadOnlySpan<double> to, ReadOnlySpan<double> weight, Span<double> destination)
    {
        var step = Scratch(destination.Length);
        TensorPrimitives.Subtract(to, from, step);
        TensorPrimitives.MultiplyAdd(step, weight, from, destination);
    }

    public override void Sigmoid(Span<double> values) => TensorPrimitives.Sigmoid(values, values);

    public override void Tanh(Span<double> values) => TensorPrimitives.Tanh(values, values);

    public override void SigmoidGradient(ReadOnlySpan<double> s, ReadOnlySpan<double> gradient, Span<double> destination)
    {
        var slope = Scratch(destination.Length);
        TensorPrimitives.Subtract(1.0, s, slope);
        TensorPrimitives.Multiply(slope, s, slope);
        TensorPrimitives.Multiply(slope, gradient, destination);
    }

    public override void TanhGradient(ReadOnlySpan<double> t, ReadOnlySpan<double> gradient, Span<double> destination)
    {
        var slope = Scratch(destination.Length);
        TensorPrimitives.Multiply(t, t, slope);
        TensorPrimitives.Subtract(1.0, slope, slope);
        TensorPrimitives.Multiply(slope, gradient, destination);
    }

    public override double Softmax(Span<double> values)
    {
        var max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        var sum = TensorPrimitives.Sum(values);
        TensorPrimitives.Divide(values, sum, values);
        return max + Math.Log(sum);
    }

    private Span<double> Scratch(int length) => _scratch.AsSpan(0, length);
}
