namespace RnnTui.Backends.Simd;

/// <summary>
/// One vector width as a type (<see cref="Lanes128{T}"/>, <see cref="Lanes256{T}"/>, <see cref="Lanes512{T}"/>), so
/// that a loop is written once over <typeparamref name="TVector"/> and the JIT compiles a copy per width with every
/// call below inlined.
/// </summary>
/// <typeparam name="T">The element type, float64 or float32.</typeparam>
/// <typeparam name="TVector">The vector type of that width.</typeparam>
internal interface ILanes<T, TVector>
    where T : unmanaged
    where TVector : struct
{
    /// <summary>Whether this width runs in hardware here.</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>The vector registers of this width the processor has (16 for 128 and 256 bits, 32 for 512).</summary>
    static abstract int Registers { get; }

    /// <summary>The elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The vector of zeros.</summary>
    static abstract TVector Zero { get; }

    /// <summary>The vector at <paramref name="source"/>, unaligned.</summary>
    static abstract TVector Load(ref T source);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/>, unaligned.</summary>
    static abstract void Store(TVector value, ref T destination);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(T value);

    /// <summary>a * b + c, rounded once.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>a + b, lane by lane.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a - b, lane by lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a * b, lane by lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>The larger of a and b, lane by lane.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>a / b, lane by lane.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>|value|, lane by lane.</summary>
    static abstract TVector Abs(TVector value);

    /// <summary>
    /// <paramref name="value"/> held to [<paramref name="low"/>, <paramref name="high"/>], lane by lane, with the
    /// processor's own minimum and maximum; a NaN stays NaN.
    /// </summary>
    static abstract TVector Clamp(TVector value, TVector low, TVector high);

    /// <summary>The nearest integer, ties to even, lane by lane.</summary>
    static abstract TVector Round(TVector value);

    /// <summary>
    /// 2^n for an integer n, made from its bits: exact over the exponent's normal range (-126 to 127 for float32, -1022
    /// to 1023 for float64); one below it gives 0, one above it +infinity.
    /// </summary>
    static abstract TVector PowerOfTwo(TVector n);

    /// <summary><paramref name="value"/> with its sign bit also set where <paramref name="sign"/>'s is.</summary>
    static abstract TVector OrSign(TVector value, TVector sign);

    /// <summary>The largest lane.</summary>
    static abstract T MaxAcross(TVector value);

    /// <summary>The sum of the lanes, in an order fixed for the width.</summary>
    static abstract T SumAcross(TVector value);
}
