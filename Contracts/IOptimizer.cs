namespace RnnTui.Contracts;

/// <summary>
/// Updates the flat parameter buffer from a gradient of the same layout. Created by an
/// <see cref="IOptimizerProvider"/> for one parameter count; used by one thread at a time.
/// </summary>
public interface IOptimizer
{
    /// <summary>The settings in force, for display, e.g. <c>eta=0.1, epsilon=1E-08</c>.</summary>
    string Description { get; }

    /// <summary>
    /// The optimizer's state, as named buffers that the host saves in checkpoints and restores by writing into them.
    /// Each buffer is live: changing its elements changes the optimizer.
    /// </summary>
    IReadOnlyList<OptimizerBuffer> State { get; }

    /// <summary>
    /// Applies one update to <paramref name="parameters"/> from the (already clipped) <paramref name="gradients"/>; see
    /// <see cref="IClippingOptimizer"/> for clipping in the same pass.
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradients);
}
