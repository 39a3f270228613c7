using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>
/// The initial network, b and c zero and U, W, V drawn in buffer order from one seeded generator by the chosen
/// initialisation: <c>normal</c> N(0, sigma^2) (the assignment's), <c>xavier</c> Glorot's normal
/// N(0, 2 / (fan_in + fan_out)) per matrix, or <c>orthogonal</c>, which is xavier with W replaced by the orthogonal
/// factor Q of the QR decomposition of a Gaussian m x m matrix (signs fixed so that R's diagonal is positive).
/// The host draws them, not the backend, so a seed gives the same network on every backend.
/// </summary>
internal static class ParameterInitializer
{
    /// <summary>The assignment's initialisation, N(0, sigma^2).</summary>
    public static double[] Create(RnnShape shape, double sigma, ulong seed) => Create(shape, sigma, seed, ModelSettings.Normal);

    /// <summary>The network of an initialisation by name (<see cref="ModelSettings.Inits"/>); sigma is used by <c>normal</c> only.</summary>
    public static double[] Create(RnnShape shape, double sigma, ulong seed, string init)
    {
        var parameters = new double[shape.ParameterCount];
        var random = new Xoshiro256(seed);
        if (init == ModelSettings.Normal)
        {
            var weights = parameters.AsSpan(0, shape.B.Offset);  // U, W, V
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = Normal.Sample(random, 0.0, sigma);
            }

            return parameters;
        }

        var (m, k) = (shape.HiddenSize, shape.VocabularySize);
        Fill(parameters.AsSpan(shape.U.Offset, m * k), random, Math.Sqrt(2.0 / (k + m)));
        var w = parameters.AsSpan(shape.W.Offset, m * m);
        if (init == ModelSettings.Orthogonal)
        {
            Fill(w, random, 1.0);
            Orthogonalize(w, m);
        }
        else
        {
            Fill(w, random, Math.Sqrt(1.0 / m));
        }

        Fill(parameters.AsSpan(shape.V.Offset, k * m), random, Math.Sqrt(2.0 / (k + m)));
        return parameters;
    }

    private static void Fill(Span<double> values, Random random, double deviation)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Normal.Sample(random, 0.0, deviation);
        }
    }

    /// <summary>Replaces a row-major n x n Gaussian matrix by Q of its QR decomposition, Q's columns signed by R's diagonal.</summary>
    private static void Orthogonalize(Span<double> matrix, int n)
    {
        var values = matrix.ToArray();
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => values[i * n + j]);
        var qr = a.QR();
        var (q, r) = (qr.Q, qr.R);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i * n + j] = r[j, j] < 0 ? -q[i, j] : q[i, j];
            }
        }
    }
}
