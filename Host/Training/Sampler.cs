using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// Synthesizes text: from a hidden state and a first character, repeatedly steps the network forward, draws the
/// next character from softmax(o / T) (optionally cut to the top K or the nucleus P) and feeds it back.
/// Used by one thread at a time, as the kernel is.
/// </summary>
internal sealed class Sampler
{
    private readonly IRnnKernel _kernel;
    private readonly Vocabulary _vocabulary;
    private readonly double[] _hidden;
    private readonly double[] _scores;
    private readonly double[] _probabilities;
    private readonly int[] _order;

    public Sampler(IRnnKernel kernel, Vocabulary vocabulary)
    {
        _kernel = kernel;
        _vocabulary = vocabulary;
        _hidden = new double[kernel.Shape.StateSize];
        _scores = new double[kernel.Shape.VocabularySize];
        _probabilities = new double[kernel.Shape.VocabularySize];
        _order = new int[kernel.Shape.VocabularySize];
    }

    /// <summary>
    /// Generates <paramref name="length"/> characters after <paramref name="first"/>, starting from a copy of
    /// <paramref name="hidden"/>; <paramref name="onCharacter"/> sees each as it is drawn.
    /// </summary>
    public string Generate(ReadOnlySpan<double> parameters, ReadOnlySpan<double> hidden, int first, int length, SamplingOptions options, Random random, Action<char>? onCharacter = null)
    {
        hidden.CopyTo(_hidden);
        var text = new char[length];
        var current = first;
        for (var i = 0; i < length; i++)
        {
            _kernel.Step(parameters, current, _hidden, _scores);
            current = Draw(_scores, options, random);
            text[i] = _vocabulary[current];
            onCharacter?.Invoke(text[i]);
        }

        return new string(text);
    }

    /// <summary>
    /// Generates <paramref name="length"/> characters from a training state, or without one from h = 0 with the first
    /// character drawn from softmax(c / T); returns them and which start was used.
    /// </summary>
    public (string Text, SampleFrom From) Start(ReadOnlySpan<double> parameters, SampleStart? start, int length, SamplingOptions options, Random random, Action<char>? onCharacter = null) =>
        start is null
            ? (Continue(parameters, null, [], length, options, random, onCharacter), SampleFrom.Zero)
            : (Generate(parameters, start.Hidden, start.Next, length, options, random, onCharacter), SampleFrom.TrainingState);

    /// <summary>
    /// Feeds a priming text from <paramref name="hidden"/> (h = 0 when null) and generates <paramref name="length"/>
    /// characters after it; with an empty priming text from h = 0 the first character is drawn from softmax(c / T).
    /// </summary>
    public string Continue(ReadOnlySpan<double> parameters, double[]? hidden, ReadOnlySpan<int> prime, int length, SamplingOptions options, Random random, Action<char>? onCharacter = null)
    {
        if (prime.IsEmpty)
        {
            if (hidden is not null)
            {
                throw new ArgumentException("an unprimed sample from a hidden state needs its next character; use Start", nameof(prime));
            }

            Predict(parameters, prime, options.Temperature, _probabilities);
            var first = Draw(_probabilities, random);
            onCharacter?.Invoke(_vocabulary[first]);
            return length <= 1 ? _vocabulary[first].ToString() : _vocabulary[first] + Generate(parameters, new double[_hidden.Length], first, length - 1, options, random, onCharacter);
        }

        if (hidden is null)
        {
            Array.Clear(_hidden);
        }
        else
        {
            hidden.CopyTo(_hidden, 0);
        }

        for (var i = 0; i < prime.Length - 1; i++)
        {
            _kernel.Step(parameters, prime[i], _hidden, _scores);
        }

        return Generate(parameters, _hidden.ToArray(), prime[^1], length, options, random, onCharacter);
    }

    /// <summary>
    /// The distribution of the character after a text fed from h = 0: for an empty text softmax(c / T), the scores
    /// o = V h + c at h = 0, where the model's last segment is such an output bias c (the vanilla RNN's, a GRU's and an
    /// LSTM's), else uniform.
    /// </summary>
    public void Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<int> text, double temperature, Span<double> probabilities)
    {
        Array.Clear(_hidden);
        var shape = _kernel.Shape;
        if (shape.Segments[^1] is { Name: "c", Length: var length } bias && length == shape.VocabularySize)
        {
            bias.Of(parameters).CopyTo(_scores);
        }
        else
        {
            Array.Clear(_scores);
        }
        foreach (var character in text)
        {
            _kernel.Step(parameters, character, _hidden, _scores);
        }

        Softmax(_scores, temperature, probabilities);
    }

    /// <summary>p = softmax(scores / temperature), computed stably.</summary>
    public static void Softmax(ReadOnlySpan<double> scores, double temperature, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = Math.Exp((scores[i] - max) / temperature);
            sum += probabilities[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }

    private int Draw(ReadOnlySpan<double> scores, SamplingOptions options, Random random)
    {
        Softmax(scores, options.Temperature, _probabilities);
        if (options.TopK > 0 || options.TopP < 1)
        {
            Truncate(options);
        }

        return Draw(_probabilities, random);
    }

    /// <summary>Zeroes every probability outside the top K and the nucleus P, then renormalises.</summary>
    private void Truncate(SamplingOptions options)
    {
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        Array.Sort(_order, (a, b) => _probabilities[b].CompareTo(_probabilities[a]) is var byProbability && byProbability != 0 ? byProbability : a.CompareTo(b));
        var keep = options.TopK > 0 ? Math.Min(options.TopK, _order.Length) : _order.Length;
        var cumulative = 0.0;
        for (var rank = 0; rank < keep; rank++)
        {
            cumulative += _probabilities[_order[rank]];
            if (cumulative >= options.TopP)
            {
                keep = rank + 1;
                break;
            }
        }

        var kept = 0.0;
        for (var rank = 0; rank < _order.Length; rank++)
        {
            if (rank < keep)
            {
                kept += _probabilities[_order[rank]];
            }
            else
            {
                _probabilities[_order[rank]] = 0;
            }
        }

        for (var i = 0; i < _probabilities.Length; i++)
        {
            _probabilities[i] /= kept;
        }
    }

    private static int Draw(ReadOnlySpan<double> probabilities, Random random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        var last = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] <= 0)
            {
                continue;
            }

            last = i;
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return last;
    }
}
