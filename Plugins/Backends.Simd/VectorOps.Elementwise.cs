using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// Element-wise loops: sums and the gradient through tanh, in the widest vectors first, then narrower ones, then one
/// element at a time. Each element is computed alone, with the same operations whatever the width, so the width never
/// changes a bit.
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
        if (Lanes512<T>.IsAccelerated)
        {
            j = Add<T, Vector512<T>, Lanes512<T>>(ref x0, ref y0, n, j);
        }

        if (Lanes256<T>.IsAccelerated)
        {
            j = Add<T, Vector256<T>, Lanes256<T>>(ref x0, ref y0, n, j);
        }

        if (Lanes128<T>.IsAccelerated)
        {
            j = Add<T, Vector128<T>, Lanes128<T>>(ref x0, ref y0, n, j);
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
        if (Lanes512<T>.IsAccelerated)
        {
            j = TanhGradient<T, Vector512<T>, Lanes512<T>>(ref a0, ref b0, ref h0, ref g0, n, j);
        }

        if (Lanes256<T>.IsAccelerated)
        {
            j = TanhGradient<T, Vector256<T>, Lanes256<T>>(ref a0, ref b0, ref h0, ref g0, n, j);
        }

        for (; j < n; j++)
        {
            var hj = Unsafe.Add(ref h0, j);
            Unsafe.Add(ref g0, j) = (Unsafe.Add(ref a0, j) + Unsafe.Add(ref b0, j)) * (T.One - (hj * hj));
        }
    }

    /// <summary>y += x from <paramref name="j"/> on in vectors of one width; returns where the whole vectors end.</summary>
    private static int Add<T, TVector, TLanes>(ref T x, ref T y, int n, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        for (; j + TLanes.Count <= n; j += TLanes.Count)
        {
            ref var yj = ref Unsafe.Add(ref y, j);
            TLanes.Store(TLanes.Add(TLanes.Load(ref yj), TLanes.Load(ref Unsafe.Add(ref x, j))), ref yj);
        }

        return j;
    }

    /// <summary>The tanh gradient from <paramref name="j"/> on in vectors of one width; returns where the whole vectors end.</summary>
    private static int TanhGradient<T, TVector, TLanes>(ref T a, ref T b, ref T h, ref T g, int n, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var one = TLanes.Broadcast(T.One);
        for (; j + TLanes.Count <= n; j += TLanes.Count)
        {
            var hv = TLanes.Load(ref Unsafe.Add(ref h, j));
            var sum = TLanes.Add(TLanes.Load(ref Unsafe.Add(ref a, j)), TLanes.Load(ref Unsafe.Add(ref b, j)));
            TLanes.Store(TLanes.Multiply(sum, TLanes.Subtract(one, TLanes.Multiply(hv, hv))), ref Unsafe.Add(ref g, j));
        }

        return j;
    }
}
