using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Backends.Simd;

/// <summary>
/// The softmax of every row of a batch's scores, with its loss and its gradient, each row's sweeps written out in
/// vectors of the widest width: a row of K = 65 is only four vectors and a lane, so calling a library routine for each
/// sweep of each row (add c, find the largest, subtract it, add up, scale) cost more in calls than in arithmetic.
/// The exponentials of all the rows are still taken in one call.
/// </summary>
internal static class RowSoftmax
{
    /// <summary>
    /// Adds c to every row of a batch's scores ((n B) x K, K the length of c, the rows step by step) and turns it into
    /// G_o = softmax(p) - y, returning the sum of the rows' losses, -log softmax(p)[target], in float64.
    /// </summary>
    /// <param name="targets">The targets sequence by sequence, as the batched kernel takes them: row q's is step q / B of
    /// sequence q % B.</param>
    public static double Apply<T>(VectorWidth width, ReadOnlySpan<T> c, Span<T> scores, ReadOnlySpan<int> targets, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (width == VectorWidth.Bits512 && Lanes512<T>.IsAccelerated)
        {
            return Apply<T, Vector512<T>, Lanes512<T>>(c, scores, targets, batch);
        }

        return Lanes256<T>.IsAccelerated
            ? Apply<T, Vector256<T>, Lanes256<T>>(c, scores, targets, batch)
            : Apply<T, Vector128<T>, Lanes128<T>>(c, scores, targets, batch);
    }

    private static double Apply<T, TVector, TLanes>(ReadOnlySpan<T> c, Span<T> scores, ReadOnlySpan<int> targets, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var k = c.Length;
        var n = targets.Length / batch;
        var rows = n * batch;
        ref var c0 = ref MemoryMarshal.GetReference(c);
        ref var p0 = ref MemoryMarshal.GetReference(scores);
        var loss = 0.0;
        for (var q = 0; q < rows; q++)
        {
            ref var p = ref Unsafe.Add(ref p0, q * k);
            AddAndShift<T, TVector, TLanes>(ref p, ref c0, k);
            loss -= double.CreateTruncating(Unsafe.Add(ref p, targets[((q % batch) * n) + (q / batch)]));
        }

        var all = scores[..(rows * k)];
        VectorOps.Exp(all);
        for (var q = 0; q < rows; q++)
        {
            ref var p = ref Unsafe.Add(ref p0, q * k);
            loss += double.CreateTruncating(T.Log(Normalize<T, TVector, TLanes>(ref p, k)));
            Unsafe.Add(ref p, targets[((q % batch) * n) + (q / batch)]) -= T.One;
        }

        return loss;
    }

    /// <summary>p += c, then p -= max(p), so that the exponentials cannot overflow.</summary>
    private static void AddAndShift<T, TVector, TLanes>(ref T p, ref T c, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var whole = k - (k % lanes);
        var max = T.NegativeInfinity;
        if (whole > 0)
        {
            var largest = TLanes.Broadcast(T.NegativeInfinity);
            for (var i = 0; i < whole; i += lanes)
            {
                var sum = TLanes.Add(TLanes.Load(ref Unsafe.Add(ref p, i)), TLanes.Load(ref Unsafe.Add(ref c, i)));
                TLanes.Store(sum, ref Unsafe.Add(ref p, i));
                largest = TLanes.Max(largest, sum);
            }

            max = TLanes.MaxAcross(largest);
        }

        for (var i = whole; i < k; i++)
        {
            ref var pi = ref Unsafe.Add(ref p, i);
            pi += Unsafe.Add(ref c, i);
            max = T.Max(max, pi);
        }

        var shift = TLanes.Broadcast(max);
        for (var i = 0; i < whole; i += lanes)
        {
            TLanes.Store(TLanes.Subtract(TLanes.Load(ref Unsafe.Add(ref p, i)), shift), ref Unsafe.Add(ref p, i));
        }

        for (var i = whole; i < k; i++)
        {
            Unsafe.Add(ref p, i) -= max;
        }
    }

    /// <summary>Divides the row of exponentials by their sum (as a product with its inverse) and returns the sum.</summary>
    private static T Normalize<T, TVector, TLanes>(ref T p, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : ILanes<T, TVector>
    {
        var lanes = TLanes.Count;
        var whole = k - (k % lanes);
        var sum = T.Zero;
        if (whole > 0)
        {
            var sums = TLanes.Zero;
            for (var i = 0; i < whole; i += lanes)
            {
                sums = TLanes.Add(sums, TLanes.Load(ref Unsafe.Add(ref p, i)));
            }

            sum = TLanes.SumAcross(sums);
        }

        for (var i = whole; i < k; i++)
        {
            sum += Unsafe.Add(ref p, i);
        }

        var inverse = T.One / sum;
        var scale = TLanes.Broadcast(inverse);
        for (var i = 0; i < whole; i += lanes)
        {
            TLanes.Store(TLanes.Multiply(TLanes.Load(ref Unsafe.Add(ref p, i)), scale), ref Unsafe.Add(ref p, i));
        }

        for (var i = whole; i < k; i++)
        {
            Unsafe.Add(ref p, i) *= inverse;
        }

        return sum;
    }
}
