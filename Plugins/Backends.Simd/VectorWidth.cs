namespace RnnTui.Backends.Simd;

/// <summary>The widest vectors a batched kernel uses; narrower ones take what is left over.</summary>
internal enum VectorWidth
{
    /// <summary>256-bit vectors (AVX2 with FMA on x64), then 128-bit, then scalar.</summary>
    Bits256,

    /// <summary>512-bit vectors (AVX-512), then 256-bit, 128-bit and scalar.</summary>
    Bits512,
}
