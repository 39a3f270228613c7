using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using RnnTui.Contracts;
using RnnTui.Settings;

namespace RnnTui.Training;

/// <summary>
/// The initial network, drawn segment after segment in buffer order from one seeded generator, each segment as its
/// <see cref="SegmentInit"/> says: biases zero (or one, as an LSTM's forget gate), weights by the chosen
/// initialisation: <c>normal</c> N(0, sigma^2) (the assignment's), <c>xavier</c> Glorot's normal
/// N(0, 2 / (rows + columns)) per matrix, or <c>orthogonal</c>, which is xavier with each square recurrent matrix
/// replaced by the orthogonal factor Q of the QR decomposition of a Gaussian matrix (signs fixed so that R's diagonal
/// is positive). For the vanilla RNN that is U, W, V drawn in turn and b, c zero. The host draws them, not the backend,
/// so a seed gives the same network on every backend.
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
        foreach (var segment in shape.Segments)
        {
            var values = segment.Of(parameters.AsSpan());
            switch (segment.Init)
            {
                case SegmentInit.Zero:
                    break;
                case SegmentInit.One:
                    values.Fill(1.0);
                    break;
                case SegmentInit.Recurrent when init == ModelSettings.Orthogonal && segment.Rows == segment.Columns:
                    Fill(values, random, 1.0);
                    Orthogonalize(values, segment.Rows);
                    break;
                default:
                    Fill(values, random, init == ModelSettings.Normal ? sigma : Math.Sqrt(2.0 / (segment.Rows + segment.Columns)));
                    break;
            }
        }

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
