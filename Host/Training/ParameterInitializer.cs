using MathNet.Numerics.Distributions;
using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// The initial network: U, W and V drawn from N(0, sigma^2) in buffer order, b and c zero. The host draws them, not
/// the backend, so a seed gives the same network on every backend.
/// </summary>
internal static class ParameterInitializer
{
    public static double[] Create(RnnShape shape, double sigma, ulong seed)
    {
        var parameters = new double[shape.ParameterCount];
        var random = new Xoshiro256(seed);
        var weights = parameters.AsSpan(0, shape.B.Offset);  // U, W, V
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Normal.Sample(random, 0.0, sigma);
        }

        return parameters;
    }
}
