namespace RnnTui.Contracts;

/// <summary>
/// A kernel that also computes several independent sequences in one call (mini-batched training), so that each weight
/// read from memory serves every sequence: the recurrence and the output become matrix-matrix products. Optional: the
/// host trains a batch with any <see cref="IRnnKernel"/> by calling <see cref="IRnnKernel.ForwardBackward"/> once per
/// sequence, and uses this interface when a kernel offers it. Added in 1.3.
/// </summary>
/// <remarks>
/// Layouts, for a batch of B sequences of n characters each:
/// <list type="bullet">
/// <item><description><c>inputs</c> and <c>targets</c>: B x n, sequence b's characters at <c>[b * n, (b + 1) * n)</c>.</description></item>
/// <item><description><c>hidden</c>: B x m, sequence b's hidden state at <c>[b * m, (b + 1) * m)</c>; h_0 on entry, h_n on return.</description></item>
/// <item><description><c>gradients</c>: overwritten with the SUM over the B sequences of each sequence's unclipped gradient,
/// in the parameters' layout (the host divides by the batch to take the mean).</description></item>
/// </list>
/// Each sequence is computed exactly as <see cref="IRnnKernel.ForwardBackward"/> computes it alone; only the order of
/// the floating-point sums may differ, so a batch of one need not be bit-identical to <see cref="IRnnKernel.ForwardBackward"/>.
/// </remarks>
public interface IBatchedRnnKernel : IRnnKernel
{
    /// <summary>The most sequences one call of <see cref="ForwardBackwardBatch"/> takes.</summary>
    int MaxBatchSize { get; }

    /// <summary>Runs the forward pass and back-propagation through time over a batch of sequences of the same length.</summary>
    /// <param name="parameters">The parameters, read only.</param>
    /// <param name="batchSize">B, 1 &lt;= B &lt;= <see cref="MaxBatchSize"/>.</param>
    /// <param name="inputs">B x n input characters, 1 &lt;= n &lt;= <see cref="IRnnKernel.MaxSequenceLength"/>.</param>
    /// <param name="targets">B x n target characters.</param>
    /// <param name="hidden">B x m hidden states: h_0 of each sequence on entry, h_n on return.</param>
    /// <param name="gradients">Overwritten with the sum of the B sequences' unclipped gradients.</param>
    /// <returns>The sum of the B sequences' losses.</returns>
    double ForwardBackwardBatch(ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients);
}
