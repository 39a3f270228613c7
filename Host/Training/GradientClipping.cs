using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnTui.Training;

/// <summary>Clamps every gradient element to [-limit, limit], the model's clipping, with 256-bit vectors.</summary>
internal static class GradientClipping
{
    /// <remarks>Measured several times faster here than TensorPrimitives.Clamp on doubles, which this loop replaced.</remarks>
    public static void Clamp(Span<double> values, double limit)
    {
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var n = (nuint)values.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var high = Vector256.Create(limit);
            var low = Vector256.Create(-limit);
            for (; i + (nuint)Vector256<double>.Count <= n; i += (nuint)Vector256<double>.Count)
            {
                Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref v0, i), low), high).StoreUnsafe(ref v0, i);
            }
        }

        for (; i < n; i++)
        {
            values[(int)i] = Math.Min(Math.Max(values[(int)i], -limit), limit);
        }
    }
}
