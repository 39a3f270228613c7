using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// Deterministic inputs for the checks: parameters, sequences and hidden states drawn from a seeded generator, so that
/// a check sees the same numbers on every run and every machine.
/// </summary>
internal sealed class TestNetwork(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>
    /// Parameters whose weights have standard deviation <paramref name="weightScale"/> (uniform, so none is far out) and
    /// whose biases are uniform in [-0.1, 0.1].
    /// </summary>
    public double[] Parameters(RnnShape shape, double weightScale)
    {
        var parameters = new double[shape.ParameterCount];
        var half = Math.Sqrt(3) * weightScale;
        for (var i = 0; i < shape.B.Offset; i++)
        {
            parameters[i] = Uniform(half);
        }

        for (var i = shape.B.Offset; i < parameters.Length; i++)
        {
            parameters[i] = Uniform(0.1);
        }

        return parameters;
    }

    /// <summary>Parameters as the host starts training: U, W and V from N(0, sigma^2), b and c zero.</summary>
    public double[] Initial(RnnShape shape, double sigma)
    {
        var parameters = new double[shape.ParameterCount];
        for (var i = 0; i < shape.B.Offset; i++)
        {
            parameters[i] = Gaussian(sigma);
        }

        return parameters;
    }

    /// <summary><paramref name="count"/> values from N(0, sigma^2): a model's parameters, whatever its segments.</summary>
    public double[] Normal(int count, double sigma) => [.. Enumerable.Range(0, count).Select(_ => Gaussian(sigma))];

    /// <summary><paramref name="count"/> values uniform in [-0.5, 0.5]: parameters for an optimizer.</summary>
    public double[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => Uniform(0.5))];

    /// <summary><paramref name="length"/> characters in [0, <paramref name="vocabularySize"/>).</summary>
    public int[] Characters(int length, int vocabularySize) => [.. Enumerable.Range(0, length).Select(_ => _random.Next(vocabularySize))];

    /// <summary>A hidden state with elements uniform in [-0.5, 0.5].</summary>
    public double[] Hidden(int size) => [.. Enumerable.Range(0, size).Select(_ => Uniform(0.5))];

    /// <summary>
    /// A gradient for <paramref name="count"/> parameters: elements uniform in [-scale, scale], with every seventh
    /// element zero and every eleventh beyond the scale (for clipping).
    /// </summary>
    public double[] Gradient(int count, double scale)
    {
        var gradient = new double[count];
        for (var i = 0; i < count; i++)
        {
            gradient[i] = (i % 7) switch
            {
                3 => 0.0,
                _ when i % 11 == 5 => scale * (_random.Next(2) == 0 ? -1.75 : 1.75),
                _ => Uniform(scale),
            };
        }

        return gradient;
    }

    /// <summary>Uniform in [-half, half].</summary>
    public double Uniform(double half) => ((2 * _random.NextDouble()) - 1) * half;

    /// <summary>One draw from N(0, sigma^2), by Box-Muller from two uniforms in (0, 1].</summary>
    private double Gaussian(double sigma)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        return sigma * radius * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
