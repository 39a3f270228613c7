using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Models.Gated;

/// <summary>
/// The dropout masks' random numbers: SplitMix64, small and deterministic, so that a seed gives the same masks on
/// every run and machine. The plugin keeps its own generator because the host's is not part of the contracts.
/// </summary>
internal struct MaskGenerator
{
    /// <summary>SplitMix64's increment: the state after n draws is the seed plus n of them.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;

    private const ulong Mix2 = 0x94D049BB133111EBUL;

    /// <summary>2^53, the scale of <see cref="NextDouble"/>'s 53 bits.</summary>
    private const double Bits53 = 1UL << 53;

    private ulong _state;

    /// <summary>Starts the sequence again from <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => _state = seed;

    /// <summary>The next number, uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / Bits53);

    /// <summary>
    /// Fills an inverted-dropout mask: each element 0 with probability <paramref name="dropout"/>, else 1 / (1 - p),
    /// so that the expected input of the next layer is the same as without dropout. Element i is dropped exactly when
    /// the i-th <see cref="NextDouble"/> would be below <paramref name="dropout"/>; four or eight draws are made at once
    /// where vectors are accelerated, since draw i depends only on the seed and i.
    /// </summary>
    /// <remarks>The numbers drawn do not depend on <typeparamref name="T"/>: a float32 mask keeps the same units.</remarks>
    public void FillMask<T>(Span<T> mask, double dropout)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var kept = 1.0 / (1.0 - dropout);
        // k 2^-53 < p exactly when the integer k is below p 2^53 rounded up; p 2^53 is exact, a power of two apart.
        var threshold = (ulong)Math.Ceiling(dropout * Bits53);
        var done = !Vector256.IsHardwareAccelerated ? 0
            : typeof(T) == typeof(double) ? FillDoubles(MemoryMarshal.Cast<T, double>(mask), threshold, kept)
            : typeof(T) == typeof(float) ? FillSingles(MemoryMarshal.Cast<T, float>(mask), threshold, (float)kept)
            : 0;
        var keptT = T.CreateTruncating(kept);
        for (var i = done; i < mask.Length; i++)
        {
            mask[i] = (Next() >> 11) < threshold ? T.Zero : keptT;
        }
    }

    private ulong Next() => Mixed(_state += Gamma);

    private static ulong Mixed(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }

    /// <summary>The next four draws' 53 bits below <paramref name="threshold"/>, as all-ones lanes; the state moves on four.</summary>
    private Vector256<ulong> DroppedFour(Vector256<ulong> threshold)
    {
        var z = Vector256.Create(_state) + (Vector256.Create(1UL, 2UL, 3UL, 4UL) * Gamma);
        _state += unchecked(4 * Gamma);
        z = (z ^ (z >>> 30)) * Mix1;
        z = (z ^ (z >>> 27)) * Mix2;
        z ^= z >>> 31;
        return Vector256.LessThan(z >>> 11, threshold);
    }

    /// <summary>Whole fours of a float64 mask; returns the elements written.</summary>
    private int FillDoubles(Span<double> mask, ulong threshold, double kept)
    {
        var (limit, keep) = (Vector256.Create(threshold), Vector256.Create(kept));
        var i = 0;
        for (; i + 4 <= mask.Length; i += 4)
        {
            Vector256.ConditionalSelect(DroppedFour(limit).AsDouble(), Vector256<double>.Zero, keep).CopyTo(mask[i..]);
        }

        return i;
    }

    /// <summary>Whole eights of a float32 mask; returns the elements written.</summary>
    private int FillSingles(Span<float> mask, ulong threshold, float kept)
    {
        var (limit, keep) = (Vector256.Create(threshold), Vector256.Create(kept));
        var i = 0;
        for (; i + 8 <= mask.Length; i += 8)
        {
            var low = DroppedFour(limit);
            var dropped = Vector256.Narrow(low, DroppedFour(limit)).AsSingle();
            Vector256.ConditionalSelect(dropped, Vector256<float>.Zero, keep).CopyTo(mask[i..]);
        }

        return i;
    }
}
