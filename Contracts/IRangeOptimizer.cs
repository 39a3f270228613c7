namespace RnnTui.Contracts;

/// <summary>
/// An optimizer whose update treats each parameter on its own once the step has begun, so that the host can update
/// disjoint ranges of the parameters on several threads at once (it does with a batch on two or more threads, where it
/// saves handing every parameter between the cores). Optional: the host calls
/// <see cref="IClippingOptimizer.Step(ReadOnlySpan{double}, Span{double}, ReadOnlySpan{double}, double)"/> on one thread
/// where an optimizer does not offer it. Added in 1.4.
/// </summary>
/// <remarks>
/// <see cref="BeginStep"/> followed by <see cref="StepRange"/> over any set of disjoint ranges that covers every
/// parameter must give, to the bit, what <c>Step(parameters, updated, gradients, clip)</c> gives: the same updated
/// parameters and the same state.
/// </remarks>
public interface IRangeOptimizer : IClippingOptimizer
{
    /// <summary>
    /// Begins one update: advances what the whole update shares, such as a count of steps and what follows from it (with
    /// the learning rate as it is now). Called once per update, before <see cref="StepRange"/>.
    /// </summary>
    void BeginStep();

    /// <summary>
    /// Applies the update begun by <see cref="BeginStep"/> to the parameters from <paramref name="offset"/> on, as
    /// <see cref="IClippingOptimizer.Step(ReadOnlySpan{double}, Span{double}, ReadOnlySpan{double}, double)"/> does to
    /// all of them, reading and writing only those parameters' state. The ranges of one update are disjoint and may be
    /// stepped on different threads at the same time.
    /// </summary>
    /// <param name="offset">Where the range starts among all the parameters.</param>
    /// <param name="parameters">The range's parameters before the update.</param>
    /// <param name="updated">Receives them after it: the same memory as <paramref name="parameters"/>, or a buffer of the same length that does not overlap it.</param>
    /// <param name="gradients">The range's unclipped gradients.</param>
    /// <param name="clip">The clipping limit, &gt; 0.</param>
    void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip);
}
