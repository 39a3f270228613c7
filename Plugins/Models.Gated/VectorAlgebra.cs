namespace RnnTui.Models.Gated;

/// <summary>
/// The vector and matrix operations the gated kernels are written in, so that one forward and backward pass per model
/// serves both kernels: <see cref="ReferenceAlgebra"/> in plain loops, <see cref="TensorAlgebra"/> over
/// TensorPrimitives. Matrices are stored by row. An output may be the same span as an input, never a partly
/// overlapping one. No operation allocates.
/// </summary>
internal abstract class VectorAlgebra
{
    /// <summary>y += A x, for A of y.Length rows and x.Length columns.</summary>
    public abstract void AddProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y);

    /// <summary>y += A^T x, for A of x.Length rows and y.Length columns.</summary>
    public abstract void AddTransposedProduct(ReadOnlySpan<double> matrix, ReadOnlySpan<double> x, Span<double> y);

    /// <summary>A += a b^T, for A of a.Length rows and b.Length columns.</summary>
    public abstract void AddOuterProduct(Span<double> matrix, ReadOnlySpan<double> a, ReadOnlySpan<double> b);

    /// <summary>y += x.</summary>
    public abstract void Add(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>destination = x ⊙ y.</summary>
    public abstract void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    /// <summary>destination += x ⊙ y.</summary>
    public abstract void AddMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    /// <summary>destination -= x ⊙ y.</summary>
    public abstract void SubtractMultiplied(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    /// <summary>destination = from + weight ⊙ (to - from): the GRU's blend of its old state and its candidate.</summary>
    public abstract void Interpolate(ReadOnlySpan<double> from, ReadOnlySpan<double> to, ReadOnlySpan<double> weight, Span<double> destination);

    /// <summary>values = σ(values), the logistic function, in place.</summary>
    public abstract void Sigmoid(Span<double> values);

    /// <summary>values = tanh(values), in place.</summary>
    public abstract void Tanh(Span<double> values);

    /// <summary>destination = gradient ⊙ s ⊙ (1 - s): back through s = σ(a), given s.</summary>
    public abstract void SigmoidGradient(ReadOnlySpan<double> s, ReadOnlySpan<double> gradient, Span<double> destination);

    /// <summary>destination = gradient ⊙ (1 - t²): back through t = tanh(a), given t.</summary>
    public abstract void TanhGradient(ReadOnlySpan<double> t, ReadOnlySpan<double> gradient, Span<double> destination);

    /// <summary>Turns scores into probabilities in place (softmax) and returns ln Σ exp(score), computed stably.</summary>
    public abstract double Softmax(Span<double> values);
}
