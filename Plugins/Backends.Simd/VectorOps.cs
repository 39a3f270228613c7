using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The two products every step of the model reduces to, over row-major matrices, with 256-bit vectors and a scalar
/// tail (the whole loop runs scalar where 256-bit vectors are not accelerated), for float64 and float32 alike: the JIT
/// compiles each method once per element type, with the vector width of that type as a constant.
/// </summary>
internal static partial class VectorOps
{
    /// <summary>a * b + c, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException($"no fused multiply-add for {typeof(T).Name}");
    }

    /// <summary>a * b + c, rounded once, on half-width vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fma<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException($"no fused multiply-add for {typeof(T).Name}");
    }

    /// <summary>
    /// Whether a remainder of four or more columns takes a 128-bit step: float32 only, where 256-bit vectors leave up
    /// to seven columns over (m = 100 leaves four), each a long scalar chain otherwise. Float64 keeps its scalar tail
    /// of at most three, so its results do not depend on this.
    /// </summary>
    private static bool HalfStep<T>(int j, int n) => typeof(T) == typeof(float) && Vector128.IsHardwareAccelerated && j + Vector128<T>.Count <= n;

    /// <summary>
    /// y[r] = dot(A[r, :], x) for every row r of A (rows x n, row-major), four rows at a time so that each load of x
    /// serves four rows.
    /// </summary>
    public static void MultiplyRows<T>(ReadOnlySpan<T> a, int rows, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = x.Length;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        var r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 4 <= rows; r += 4)
            {
                ref var row0 = ref Unsafe.Add(ref a0, r * n);
                ref var row1 = ref Unsafe.Add(ref row0, n);
                ref var row2 = ref Unsafe.Add(ref row1, n);
                ref var row3 = ref Unsafe.Add(ref row2, n);
                var s0 = Vector256<T>.Zero;
                var s1 = Vector256<T>.Zero;
                var s2 = Vector256<T>.Zero;
                var s3 = Vector256<T>.Zero;
                var j = 0;
                for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
                {
                    var xv = Vector256.LoadUnsafe(ref x0, (nuint)j);
                    s0 = Fma(Vector256.LoadUnsafe(ref row0, (nuint)j), xv, s0);
                    s1 = Fma(Vector256.LoadUnsafe(ref row1, (nuint)j), xv, s1);
                    s2 = Fma(Vector256.LoadUnsafe(ref row2, (nuint)j), xv, s2);
                    s3 = Fma(Vector256.LoadUnsafe(ref row3, (nuint)j), xv, s3);
                }

                T t0 = Vector256.Sum(s0), t1 = Vector256.Sum(s1), t2 = Vector256.Sum(s2), t3 = Vector256.Sum(s3);
                for (; j < n; j++)
                {
                    var xj = Unsafe.Add(ref x0, j);
                    t0 += Unsafe.Add(ref row0, j) * xj;
                    t1 += Unsafe.Add(ref row1, j) * xj;
                    t2 += Unsafe.Add(ref row2, j) * xj;
                    t3 += Unsafe.Add(ref row3, j) * xj;
                }

                y[r] = t0;
                y[r + 1] = t1;
                y[r + 2] = t2;
                y[r + 3] = t3;
            }
        }

        for (; r < rows; r++)
        {
            y[r] = Dot(a.Slice(r * n, n), x);
        }
    }

    /// <summary>
    /// y0[r] = dot(A[r, :], x0) and y1[r] = dot(A[r, :], x1): two products with the same matrix, two rows at a time,
    /// so that each element of A loaded feeds two multiply-adds.
    /// </summary>
    public static void MultiplyRowsPair<T>(ReadOnlySpan<T> a, int rows, ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, Span<T> y0, Span<T> y1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = x0.Length;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var p0 = ref MemoryMarshal.GetReference(x0);
        ref var p1 = ref MemoryMarshal.GetReference(x1);
        var r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 2 <= rows; r += 2)
            {
                ref var rowA = ref Unsafe.Add(ref a0, r * n);
                ref var rowB = ref Unsafe.Add(ref rowA, n);
                Vector256<T> sA0 = default, sA1 = default, sB0 = default, sB1 = default;
                var j = 0;
                for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
                {
                    var v0 = Vector256.LoadUnsafe(ref p0, (nuint)j);
                    var v1 = Vector256.LoadUnsafe(ref p1, (nuint)j);
                    var wa = Vector256.LoadUnsafe(ref rowA, (nuint)j);
                    var wb = Vector256.LoadUnsafe(ref rowB, (nuint)j);
                    sA0 = Fma(wa, v0, sA0);
                    sA1 = Fma(wa, v1, sA1);
                    sB0 = Fma(wb, v0, sB0);
                    sB1 = Fma(wb, v1, sB1);
                }

                T tA0 = Vector256.Sum(sA0), tA1 = Vector256.Sum(sA1), tB0 = Vector256.Sum(sB0), tB1 = Vector256.Sum(sB1);
                for (; j < n; j++)
                {
                    T e0 = Unsafe.Add(ref p0, j), e1 = Unsafe.Add(ref p1, j), wa = Unsafe.Add(ref rowA, j), wb = Unsafe.Add(ref rowB, j);
                    tA0 += wa * e0;
                    tA1 += wa * e1;
                    tB0 += wb * e0;
                    tB1 += wb * e1;
                }

                y0[r] = tA0;
                y1[r] = tA1;
                y0[r + 1] = tB0;
                y1[r + 1] = tB1;
            }
        }

        for (; r < rows; r++)
        {
            y0[r] = Dot(a.Slice(r * n, n), x0);
            y1[r] = Dot(a.Slice(r * n, n), x1);
        }
    }

    /// <summary>dot(a, b).</summary>
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        var n = a.Length;
        var j = 0;
        var sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var s = Vector256<T>.Zero;
            for (; j + Vector256<T>.Count <= n; j += Vector256<T>.Count)
            {
                s = Fma(Vector256.LoadUnsafe(ref a0, (nuint)j), Vector256.LoadUnsafe(ref b0, (nuint)j), s);
            }

            sum = Vector256.Sum(s);
        }

        for (; j < n; j++)
        {
            sum += Unsafe.Add(ref a0, j) * Unsafe.Add(ref b0, j);
        }

        return sum;
    }
}
