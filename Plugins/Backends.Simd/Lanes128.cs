using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>128-bit vectors of float64 or float32.</summary>
internal readonly struct Lanes128<T> : ILanes<T, Vector128<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;

    public static int Registers => 16;

    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> a, Vector128<T> b) => Vector128.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Clamp(Vector128<T> value, Vector128<T> low, Vector128<T> high)
    {
        // The native minimum and maximum return their second operand where either is NaN.
        return Vector128.MaxNative(low, Vector128.MinNative(high, value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Round(Vector128<T> value)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector128.Round(value.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector128.Round(value.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException($"no rounding for {typeof(T).Name}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> PowerOfTwo(Vector128<T> n)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector128.ShiftLeft(Vector128.ConvertToInt64Native(n.AsDouble()) + Vector128.Create(1023L), 52).As<long, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector128.ShiftLeft(Vector128.ConvertToInt32Native(n.AsSingle()) + Vector128.Create(127), 23).As<int, T>();
        }

        throw new NotSupportedException($"no powers of two for {typeof(T).Name}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> OrSign(Vector128<T> value, Vector128<T> sign) => value | (sign & Vector128.Create(T.NegativeZero));

    public static T MaxAcross(Vector128<T> value)
    {
        var max = value.GetElement(0);
        for (var i = 1; i < Vector128<T>.Count; i++)
        {
            max = T.Max(max, value.GetElement(i));
        }

        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SumAcross(Vector128<T> value) => Vector128.Sum(value);
}
