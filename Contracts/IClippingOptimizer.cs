namespace RnnTui.Contracts;

/// <summary>
/// An optimizer that clips the gradient as it reads it: the same update, to the bit, as clamping every gradient
/// element to [-clip, clip] and then calling <see cref="IOptimizer.Step"/>, in one pass over the gradients instead
/// of two. The host uses it where an optimizer offers it and clamps the gradients itself otherwise.
/// </summary>
public interface IClippingOptimizer : IOptimizer
{
    /// <summary>
    /// Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> clamped element by element
    /// to [-<paramref name="clip"/>, <paramref name="clip"/>]. The gradients themselves are left as they are.
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradients, double clip);
}
