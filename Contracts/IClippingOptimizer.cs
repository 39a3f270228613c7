namespace RnnTui.Contracts;

/// <summary>
/// An optimizer that clips the gradient as it reads it and can write the updated parameters to another buffer: the
/// same update, to the bit, as clamping every gradient element to [-clip, clip] and then calling
/// <see cref="IOptimizer.Step"/>, in one pass over the gradients instead of two. Writing elsewhere lets the host keep
/// the parameters from before the update (the best so far) without copying them. The host uses it where an optimizer
/// offers it and otherwise clamps the gradients and copies the parameters itself.
/// </summary>
public interface IClippingOptimizer : IOptimizer
{
    /// <summary>
    /// Applies one update from <paramref name="gradients"/> clamped element by element to
    /// [-<paramref name="clip"/>, <paramref name="clip"/>], reading <paramref name="parameters"/> and writing every
    /// updated element to <paramref name="updated"/>. The gradients are left as they are.
    /// </summary>
    /// <param name="parameters">The parameters before the update.</param>
    /// <param name="updated">
    /// Receives the parameters after it: either the same memory as <paramref name="parameters"/> (in place) or a buffer of
    /// the same length that does not overlap it, which is then left unchanged.
    /// </param>
    /// <param name="gradients">The unclipped gradients.</param>
    /// <param name="clip">The clipping limit, &gt; 0.</param>
    void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip);
}
