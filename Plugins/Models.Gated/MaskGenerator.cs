namespace RnnTui.Models.Gated;

/// <summary>
/// The dropout masks' random numbers: SplitMix64, small and deterministic, so that a seed gives the same masks on
/// every run and machine. The plugin keeps its own generator because the host's is not part of the contracts.
/// </summary>
internal struct MaskGenerator
{
    private ulong _state;

    /// <summary>Starts the sequence again from <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => _state = seed;

    /// <summary>The next number, uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Fills an inverted-dropout mask: each element 0 with probability <paramref name="dropout"/>, else 1 / (1 - p),
    /// so that the expected input of the next layer is the same as without dropout.
    /// </summary>
    /// <remarks>The numbers drawn do not depend on <typeparamref name="T"/>: a float32 mask keeps the same units.</remarks>
    public void FillMask<T>(Span<T> mask, double dropout)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var kept = T.CreateTruncating(1.0 / (1.0 - dropout));
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = NextDouble() < dropout ? T.Zero : kept;
        }
    }

    private ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
