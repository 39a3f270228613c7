namespace RnnTui.Contracts;

/// <summary>
/// The argument checks of <see cref="IRnnKernel"/>'s methods, in one place, so that every backend refuses bad input
/// with the same messages. Each throws an <see cref="ArgumentException"/> naming the argument and its size.
/// </summary>
public static class KernelArguments
{
    /// <summary>Checks the arguments of <see cref="IRnnKernel.ForwardBackward"/> and <see cref="IRnnKernel.Loss"/>.</summary>
    /// <param name="shape">The kernel's shape.</param>
    /// <param name="maxSequenceLength">The kernel's longest sequence.</param>
    /// <param name="parameters">The parameters passed.</param>
    /// <param name="inputs">The input characters passed.</param>
    /// <param name="targets">The target characters passed.</param>
    /// <param name="hidden">The hidden state passed.</param>
    /// <returns>The sequence length n.</returns>
    /// <exception cref="ArgumentException">A size is wrong or a character is outside [0, K).</exception>
    public static int CheckSequence(RnnShape shape, int maxSequenceLength, ReadOnlySpan<double> parameters, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, ReadOnlySpan<double> hidden)
    {
        CheckLength(parameters.Length, shape.ParameterCount, nameof(parameters));
        if (inputs.Length < 1 || inputs.Length > maxSequenceLength || targets.Length != inputs.Length)
        {
            throw new ArgumentException($"sequence must have 1 to {maxSequenceLength} inputs and as many targets, had {inputs.Length} and {targets.Length}");
        }

        CheckLength(hidden.Length, shape.StateSize, nameof(hidden));
        for (var t = 0; t < inputs.Length; t++)
        {
            CheckCharacter(shape, inputs[t], nameof(inputs));
            CheckCharacter(shape, targets[t], nameof(targets));
        }

        return inputs.Length;
    }

    /// <summary>Checks the arguments of <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/>.</summary>
    /// <param name="shape">The kernel's shape.</param>
    /// <param name="maxSequenceLength">The kernel's longest sequence.</param>
    /// <param name="maxBatchSize">The kernel's largest batch.</param>
    /// <param name="parameters">The parameters passed.</param>
    /// <param name="batchSize">The batch size passed.</param>
    /// <param name="inputs">The input characters passed (B x n).</param>
    /// <param name="targets">The target characters passed (B x n).</param>
    /// <param name="hidden">The hidden states passed (B x m).</param>
    /// <param name="gradients">The gradient buffer passed.</param>
    /// <returns>The sequence length n.</returns>
    /// <exception cref="ArgumentException">A size is wrong or a character is outside [0, K).</exception>
    public static int CheckBatch(RnnShape shape, int maxSequenceLength, int maxBatchSize, ReadOnlySpan<double> parameters, int batchSize, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, ReadOnlySpan<double> hidden, ReadOnlySpan<double> gradients)
    {
        ArgumentNullException.ThrowIfNull(shape);
        CheckLength(parameters.Length, shape.ParameterCount, nameof(parameters));
        CheckLength(gradients.Length, shape.ParameterCount, nameof(gradients));
        if (batchSize < 1 || batchSize > maxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"the batch must have 1 to {maxBatchSize} sequences");
        }

        var n = inputs.Length / batchSize;
        if (n < 1 || n > maxSequenceLength || inputs.Length != n * batchSize || targets.Length != inputs.Length)
        {
            throw new ArgumentException($"a batch of {batchSize} must have {batchSize} x n inputs (1 <= n <= {maxSequenceLength}) and as many targets, had {inputs.Length} and {targets.Length}");
        }

        CheckLength(hidden.Length, batchSize * shape.StateSize, nameof(hidden));
        for (var t = 0; t < inputs.Length; t++)
        {
            CheckCharacter(shape, inputs[t], nameof(inputs));
            CheckCharacter(shape, targets[t], nameof(targets));
        }

        return n;
    }

    /// <summary>Checks the gradient buffer of <see cref="IRnnKernel.ForwardBackward"/>.</summary>
    /// <exception cref="ArgumentException">It is not as long as the parameters.</exception>
    public static void CheckGradients(RnnShape shape, ReadOnlySpan<double> gradients) => CheckLength(gradients.Length, shape.ParameterCount, nameof(gradients));

    /// <summary>Checks the arguments of <see cref="IRnnKernel.Step"/>.</summary>
    /// <exception cref="ArgumentException">A size is wrong or the character is outside [0, K).</exception>
    public static void CheckStep(RnnShape shape, ReadOnlySpan<double> parameters, int input, ReadOnlySpan<double> hidden, ReadOnlySpan<double> scores)
    {
        CheckLength(parameters.Length, shape.ParameterCount, nameof(parameters));
        CheckLength(hidden.Length, shape.StateSize, nameof(hidden));
        CheckLength(scores.Length, shape.VocabularySize, nameof(scores));
        CheckCharacter(shape, input, nameof(input));
    }

    /// <summary>
    /// Checks the arguments of <see cref="IMatrixProducts.Multiply"/>: sizes of at least 1, strides of at least 0, and
    /// spans long enough for the last element each is read or written at. Added in 1.6.
    /// </summary>
    /// <param name="aLength">A's length.</param>
    /// <param name="aRow">A's distance between rows.</param>
    /// <param name="aInner">A's distance between terms.</param>
    /// <param name="xLength">X's length.</param>
    /// <param name="xRow">X's distance between rows.</param>
    /// <param name="cLength">C's length.</param>
    /// <param name="cRow">C's distance between rows.</param>
    /// <param name="rows">The rows of C.</param>
    /// <param name="columns">The columns of C and X.</param>
    /// <param name="inner">The shared dimension.</param>
    /// <exception cref="ArgumentException">A size or a stride is out of range, or a span is too short.</exception>
    public static void CheckProduct(int aLength, int aRow, int aInner, int xLength, int xRow, int cLength, int cRow, int rows, int columns, int inner)
    {
        CheckAtLeast(rows, 1, nameof(rows));
        CheckAtLeast(columns, 1, nameof(columns));
        CheckAtLeast(inner, 1, nameof(inner));
        CheckAtLeast(aRow, 0, nameof(aRow));
        CheckAtLeast(aInner, 0, nameof(aInner));
        CheckAtLeast(xRow, columns, nameof(xRow));
        CheckAtLeast(cRow, columns, nameof(cRow));
        CheckReach(aLength, ((long)(rows - 1) * aRow) + ((long)(inner - 1) * aInner) + 1, "a");
        CheckReach(xLength, ((long)(inner - 1) * xRow) + columns, "x");
        CheckReach(cLength, ((long)(rows - 1) * cRow) + columns, "c");
    }

    private static void CheckAtLeast(int value, int least, string name)
    {
        if (value < least)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {least}");
        }
    }

    private static void CheckReach(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException($"{name} must have at least {needed} elements for the sizes and strides given, had {length}", name);
        }
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} must have {expected} elements, had {actual}", name);
        }
    }

    private static void CheckCharacter(RnnShape shape, int character, string name)
    {
        if ((uint)character >= (uint)shape.VocabularySize)
        {
            throw new ArgumentOutOfRangeException(name, character, $"characters must be in [0, {shape.VocabularySize})");
        }
    }
}
