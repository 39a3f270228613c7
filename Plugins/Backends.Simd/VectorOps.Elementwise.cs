using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// Element-wise loops: sums and the gradient through tanh, in the widest vectors first. Each element is computed alone,
/// with the same operations whatever the width, so the width never changes a bit.
/// </summary>
internal static partial class VectorOps
{
    /// <summary>y += x.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var n = y.Length;
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<T>.Count <= n; j += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref y0, (nuint)j) + Vector512.LoadUnsafe(ref x0, (nuint)j)).StoreUnsafe(ref y0, (nuint)j);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref y0, (nuint)j) + Vector256.LoadUnsafe(ref x0, (nuint)j)).StoreUnsafe(ref y0, (nuint)j);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + Vector128<T>.Count <= n; j += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref y0, (nuint)j) + Vector128.LoadUnsafe(ref x0, (nuint)j)).StoreUnsafe(ref y0, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            Unsafe.Add(ref y0, j) += Unsafe.Add(ref x0, j);
        }
    }

    /// <summary>g = (a + b) * (1 - h * h), the gradient through tanh of the sum of two incoming gradients.</summary>
    public static void TanhGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> h, Span<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var h0 = ref MemoryMarshal.GetReference(h);
        ref var g0 = ref MemoryMarshal.GetReference(g);
        var n = g.Length;
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(T.One);
            for (; j + Vector512<T>.Count <= n; j += Vector512<T>.Count)
            {
                var hv = Vector512.LoadUnsafe(ref h0, (nuint)j);
                var sum = Vector512.LoadUnsafe(ref a0, (nuint)j) + Vector512.LoadUnsafe(ref b0, (nuint)j);
                (sum * (one - (hv * hv))).StoreUnsafe(ref g0, (nuint)j);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(T.One);
            for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
            {
                var hv = Vector256.LoadUnsafe(ref h0, (nuint)j);
                var sum = Vector256.LoadUnsafe(ref a0, (nuint)j) + Vector256.LoadUnsafe(ref b0, (nuint)j);
                (sum * (one - (hv * hv))).StoreUnsafe(ref g0, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            var hj = Unsafe.Add(ref h0, j);
            Unsafe.Add(ref g0, j) = (Unsafe.Add(ref a0, j) + Unsafe.Add(ref b0, j)) * (T.One - (hj * hj));
        }
    }
}
