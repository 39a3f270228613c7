using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// tanh and e^x in place. Float64 goes to the library, whose bits the exact algorithm keeps. Float32 is computed here
/// in float32 arithmetic: the library's float32 exponential works in float64, half the lanes per instruction, and
/// these two took about a tenth of a float32 batch's time. Both reduce the argument by a multiple of ln 2 and take a
/// polynomial of the rest, within 2 units in the last place of the exact result. Each element is computed alone, with
/// the same operations at every width and for the last few elements (a padded 128-bit vector), so the width never
/// changes a bit.
/// </summary>
internal static partial class VectorOps
{
    /// <summary>log2(e), rounded to float32.</summary>
    private const float Log2E = 1.44269504f;

    /// <summary>ln 2's leading bits (its last nine bits zero, so n * this is exact for |n| &lt; 512), and the rest.</summary>
    private const float Ln2High = 0.693145752f, Ln2Low = 1.42860677e-6f;

    /// <summary>values = tanh(values), element by element.</summary>
    public static void Tanh<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Map<TanhOfFloat32>(MemoryMarshal.Cast<T, float>(values));
            return;
        }

        TensorPrimitives.Tanh(values, values);
    }

    /// <summary>values = e^values, element by element.</summary>
    /// <remarks>
    /// In float32, results under the smallest normal number (x &lt; -87.34) may come out as 0, and x &gt; 88.37 gives
    /// +infinity (e^x overflows from 88.72): a softmax's exponents are never above 0.
    /// </remarks>
    public static void Exp<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Map<ExpOfFloat32>(MemoryMarshal.Cast<T, float>(values));
            return;
        }

        TensorPrimitives.Exp(values, values);
    }

    /// <summary>Applies <typeparamref name="TFunction"/> to every value in the widest vectors, then narrower ones.</summary>
    private static void Map<TFunction>(Span<float> values)
        where TFunction : IFloat32Function
    {
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var n = values.Length;
        var j = 0;
        if (Lanes512<float>.IsAccelerated)
        {
            j = Map<Vector512<float>, Lanes512<float>, TFunction>(ref v0, n, j);
        }

        if (Lanes256<float>.IsAccelerated)
        {
            j = Map<Vector256<float>, Lanes256<float>, TFunction>(ref v0, n, j);
        }

        j = Map<Vector128<float>, Lanes128<float>, TFunction>(ref v0, n, j);
        if (j < n)
        {
            Span<float> last = stackalloc float[Vector128<float>.Count];
            values[j..].CopyTo(last);
            Map<Vector128<float>, Lanes128<float>, TFunction>(ref MemoryMarshal.GetReference(last), last.Length, 0);
            last[..(n - j)].CopyTo(values[j..]);
        }
    }

    private static int Map<TVector, TLanes, TFunction>(ref float values, int n, int j)
        where TVector : struct
        where TLanes : ILanes<float, TVector>
        where TFunction : IFloat32Function
    {
        for (; j + TLanes.Count <= n; j += TLanes.Count)
        {
            ref var vj = ref Unsafe.Add(ref values, j);
            TLanes.Store(TFunction.Apply<TVector, TLanes>(TLanes.Load(ref vj)), ref vj);
        }

        return j;
    }

    /// <summary>
    /// e^r - 1 for |r| &lt;= ln 2 / 2 by its Taylor series to r^8 (the next term is under 2^-28 of the result), and 2^n,
    /// for x = n ln 2 + r.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector ExpM1OfRest, TVector PowerOfTwo) Reduce<TVector, TLanes>(TVector x)
        where TVector : struct
        where TLanes : ILanes<float, TVector>
    {
        var n = TLanes.Round(TLanes.Multiply(x, TLanes.Broadcast(Log2E)));
        var r = TLanes.MultiplyAdd(n, TLanes.Broadcast(-Ln2High), x);
        r = TLanes.MultiplyAdd(n, TLanes.Broadcast(-Ln2Low), r);
        var q = TLanes.Broadcast(1f / 40320);
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(1f / 5040));
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(1f / 720));
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(1f / 120));
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(1f / 24));
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(1f / 6));
        q = TLanes.MultiplyAdd(q, r, TLanes.Broadcast(0.5f));
        q = TLanes.MultiplyAdd(TLanes.Multiply(q, r), r, r);
        return (q, TLanes.PowerOfTwo(n));
    }

    /// <summary>A float32 function of one element, written once over the vector widths.</summary>
    private interface IFloat32Function
    {
        static abstract TVector Apply<TVector, TLanes>(TVector x)
            where TVector : struct
            where TLanes : ILanes<float, TVector>;
    }

    /// <summary>
    /// tanh |x| = (e^2|x| - 1) / (e^2|x| + 1), with e^2|x| - 1 = 2^n (e^r - 1) + (2^n - 1) taken without cancelling,
    /// and x's sign put back. Above 9.1, tanh is 1 in float32, so |x| is held there.
    /// </summary>
    private readonly struct TanhOfFloat32 : IFloat32Function
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x)
            where TVector : struct
            where TLanes : ILanes<float, TVector>
        {
            var a = TLanes.Clamp(TLanes.Abs(x), TLanes.Zero, TLanes.Broadcast(9.1f));
            var (q, s) = Reduce<TVector, TLanes>(TLanes.Add(a, a));
            var expM1 = TLanes.MultiplyAdd(s, q, TLanes.Subtract(s, TLanes.Broadcast(1f)));
            return TLanes.OrSign(TLanes.Divide(expM1, TLanes.Add(expM1, TLanes.Broadcast(2f))), x);
        }
    }

    /// <summary>e^x = 2^n (1 + (e^r - 1)), x held to [-88, 89] first: 2^n is then 0 below and +infinity above.</summary>
    private readonly struct ExpOfFloat32 : IFloat32Function
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x)
            where TVector : struct
            where TLanes : ILanes<float, TVector>
        {
            var (q, s) = Reduce<TVector, TLanes>(TLanes.Clamp(x, TLanes.Broadcast(-88f), TLanes.Broadcast(89f)));

            // Not s q + s: with s = +infinity and q < 0 that is NaN.
            return TLanes.Multiply(TLanes.Add(q, TLanes.Broadcast(1f)), s);
        }
    }
}
