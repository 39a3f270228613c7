using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>The transposed products: y = sum of rows of A weighted by c, one or two at a time.</summary>
internal static partial class VectorOps
{
    /// <summary>
    /// y = sum over r of c[r * cStride] * A[r, :] (A rows x y.Length, row-major): the rows of A combined, i.e. A^T c.
    /// Sixteen outputs are kept in four registers while every row streams past, so each output is stored once.
    /// </summary>
    public static void CombineRows<T>(ReadOnlySpan<T> a, int rows, ReadOnlySpan<T> c, int cStride, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = y.Length;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + (4 * Vector256<T>.Count) <= n; j += 4 * Vector256<T>.Count)
            {
                var s0 = Vector256<T>.Zero;
                var s1 = Vector256<T>.Zero;
                var s2 = Vector256<T>.Zero;
                var s3 = Vector256<T>.Zero;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    var cr = Vector256.Create(Unsafe.Add(ref c0, r * cStride));
                    ref var row = ref Unsafe.Add(ref column, r * n);
                    s0 = Fma(Vector256.LoadUnsafe(ref row), cr, s0);
                    s1 = Fma(Vector256.LoadUnsafe(ref row, (nuint)Vector256<T>.Count), cr, s1);
                    s2 = Fma(Vector256.LoadUnsafe(ref row, (nuint)(2 * Vector256<T>.Count)), cr, s2);
                    s3 = Fma(Vector256.LoadUnsafe(ref row, (nuint)(3 * Vector256<T>.Count)), cr, s3);
                }

                s0.StoreUnsafe(ref y0, (nuint)j);
                s1.StoreUnsafe(ref y0, (nuint)(j + Vector256<T>.Count));
                s2.StoreUnsafe(ref y0, (nuint)(j + (2 * Vector256<T>.Count)));
                s3.StoreUnsafe(ref y0, (nuint)(j + (3 * Vector256<T>.Count)));
            }

            for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
            {
                var s = Vector256<T>.Zero;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    s = Fma(Vector256.LoadUnsafe(ref Unsafe.Add(ref column, r * n)), Vector256.Create(Unsafe.Add(ref c0, r * cStride)), s);
                }

                s.StoreUnsafe(ref y0, (nuint)j);
            }

            if (HalfStep<T>(j, n))
            {
                var s = Vector128<T>.Zero;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    s = Fma(Vector128.LoadUnsafe(ref Unsafe.Add(ref column, r * n)), Vector128.Create(Unsafe.Add(ref c0, r * cStride)), s);
                }

                s.StoreUnsafe(ref y0, (nuint)j);
                j += Vector128<T>.Count;
            }
        }

        for (; j < n; j++)
        {
            var s = T.Zero;
            for (var r = 0; r < rows; r++)
            {
                s += Unsafe.Add(ref c0, r * cStride) * Unsafe.Add(ref a0, (r * n) + j);
            }

            Unsafe.Add(ref y0, j) = s;
        }
    }

    /// <summary>
    /// Two combinations of the same rows at once: y0 = A^T c0 and y1 = A^T c1 (coefficients at r * cStride), so that
    /// each element of A loaded from memory feeds two multiply-adds instead of one.
    /// </summary>
    public static void CombineRowsPair<T>(ReadOnlySpan<T> a, int rows, ReadOnlySpan<T> c0, ReadOnlySpan<T> c1, int cStride, Span<T> y0, Span<T> y1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = y0.Length;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var p0 = ref MemoryMarshal.GetReference(c0);
        ref var p1 = ref MemoryMarshal.GetReference(c1);
        ref var out0 = ref MemoryMarshal.GetReference(y0);
        ref var out1 = ref MemoryMarshal.GetReference(y1);
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + (4 * Vector256<T>.Count) <= n; j += 4 * Vector256<T>.Count)
            {
                Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
                Vector256<T> u0 = default, u1 = default, u2 = default, u3 = default;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    var d0 = Vector256.Create(Unsafe.Add(ref p0, r * cStride));
                    var d1 = Vector256.Create(Unsafe.Add(ref p1, r * cStride));
                    ref var row = ref Unsafe.Add(ref column, r * n);
                    var v = Vector256.LoadUnsafe(ref row);
                    s0 = Fma(v, d0, s0);
                    u0 = Fma(v, d1, u0);
                    v = Vector256.LoadUnsafe(ref row, (nuint)Vector256<T>.Count);
                    s1 = Fma(v, d0, s1);
                    u1 = Fma(v, d1, u1);
                    v = Vector256.LoadUnsafe(ref row, (nuint)(2 * Vector256<T>.Count));
                    s2 = Fma(v, d0, s2);
                    u2 = Fma(v, d1, u2);
                    v = Vector256.LoadUnsafe(ref row, (nuint)(3 * Vector256<T>.Count));
                    s3 = Fma(v, d0, s3);
                    u3 = Fma(v, d1, u3);
                }

                s0.StoreUnsafe(ref out0, (nuint)j);
                s1.StoreUnsafe(ref out0, (nuint)(j + Vector256<T>.Count));
                s2.StoreUnsafe(ref out0, (nuint)(j + (2 * Vector256<T>.Count)));
                s3.StoreUnsafe(ref out0, (nuint)(j + (3 * Vector256<T>.Count)));
                u0.StoreUnsafe(ref out1, (nuint)j);
                u1.StoreUnsafe(ref out1, (nuint)(j + Vector256<T>.Count));
                u2.StoreUnsafe(ref out1, (nuint)(j + (2 * Vector256<T>.Count)));
                u3.StoreUnsafe(ref out1, (nuint)(j + (3 * Vector256<T>.Count)));
            }

            for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
            {
                Vector256<T> s = default, u = default;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref column, r * n));
                    s = Fma(v, Vector256.Create(Unsafe.Add(ref p0, r * cStride)), s);
                    u = Fma(v, Vector256.Create(Unsafe.Add(ref p1, r * cStride)), u);
                }

                s.StoreUnsafe(ref out0, (nuint)j);
                u.StoreUnsafe(ref out1, (nuint)j);
            }

            if (HalfStep<T>(j, n))
            {
                Vector128<T> s = default, u = default;
                ref var column = ref Unsafe.Add(ref a0, j);
                for (var r = 0; r < rows; r++)
                {
                    var v = Vector128.LoadUnsafe(ref Unsafe.Add(ref column, r * n));
                    s = Fma(v, Vector128.Create(Unsafe.Add(ref p0, r * cStride)), s);
                    u = Fma(v, Vector128.Create(Unsafe.Add(ref p1, r * cStride)), u);
                }

                s.StoreUnsafe(ref out0, (nuint)j);
                u.StoreUnsafe(ref out1, (nuint)j);
                j += Vector128<T>.Count;
            }
        }

        for (; j < n; j++)
        {
            T s = T.Zero, u = T.Zero;
            for (var r = 0; r < rows; r++)
            {
                var v = Unsafe.Add(ref a0, (r * n) + j);
                s += Unsafe.Add(ref p0, r * cStride) * v;
                u += Unsafe.Add(ref p1, r * cStride) * v;
            }

            Unsafe.Add(ref out0, j) = s;
            Unsafe.Add(ref out1, j) = u;
        }
    }
}
