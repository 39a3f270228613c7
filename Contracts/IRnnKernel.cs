namespace RnnTui.Contracts;

/// <summary>
/// The math of one vanilla RNN of a fixed <see cref="RnnShape"/>, with workspaces for sequences of up to
/// <see cref="MaxSequenceLength"/> characters. A kernel is used by one thread at a time.
/// </summary>
/// <remarks>
/// Parameters and gradients use the flat layout of <see cref="RnnShape"/>. Characters are indices in [0, K).
/// Forward: a_t = W h_{t-1} + U x_t + b; h_t = tanh(a_t); o_t = V h_t + c; p_t = softmax(o_t).
/// Loss: the sum over t of -ln p_t[y_t].
/// </remarks>
public interface IRnnKernel : IDisposable
{
    /// <summary>The shape this kernel computes.</summary>
    RnnShape Shape { get; }

    /// <summary>The longest sequence the kernel accepts.</summary>
    int MaxSequenceLength { get; }

    /// <summary>What this kernel computes in: <c>f64</c> (the default) or e.g. <c>f32</c>; benchmarks and the gradient check show it.</summary>
    string ElementType => "f64";

    /// <summary>
    /// Runs the forward pass and back-propagation through time over one sequence.
    /// </summary>
    /// <param name="parameters">The parameters, read only.</param>
    /// <param name="inputs">x_1..x_n, 1 &lt;= n &lt;= <see cref="MaxSequenceLength"/>.</param>
    /// <param name="targets">y_1..y_n, the characters to predict; as long as <paramref name="inputs"/>.</param>
    /// <param name="hidden">h_0 on entry; h_n on return (length m).</param>
    /// <param name="gradients">Overwritten with the unclipped gradient of the loss (the parameters' layout).</param>
    /// <returns>The loss of the sequence.</returns>
    double ForwardBackward(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden, Span<double> gradients);

    /// <summary>Runs the forward pass only and returns the loss of the sequence.</summary>
    /// <param name="parameters">The parameters, read only.</param>
    /// <param name="inputs">x_1..x_n, 1 &lt;= n &lt;= <see cref="MaxSequenceLength"/>.</param>
    /// <param name="targets">y_1..y_n; as long as <paramref name="inputs"/>.</param>
    /// <param name="hidden">h_0 on entry; h_n on return (length m).</param>
    /// <returns>The loss of the sequence.</returns>
    double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, Span<double> hidden);

    /// <summary>One step forward for sampling: updates h from one character and writes the output scores o = V h + c.</summary>
    /// <param name="parameters">The parameters, read only.</param>
    /// <param name="input">The character fed in.</param>
    /// <param name="hidden">h_{t-1} on entry; h_t on return (length m).</param>
    /// <param name="scores">Receives o_t, the unnormalised log-probabilities of the next character (length K).</param>
    void Step(ReadOnlySpan<double> parameters, int input, Span<double> hidden, Span<double> scores);
}
