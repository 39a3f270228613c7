namespace RnnTui.Training;

/// <summary>
/// Where an unprimed sample starts: the hidden state the network had in training at some parameters, and the character
/// of the text that came next. A vanilla RNN never sees h = 0 in training after the first sequence of an epoch, and
/// early in training it can fall from there into a loop of rare characters; from this state it writes what it learnt.
/// </summary>
/// <param name="Hidden">The hidden state (m values).</param>
/// <param name="Next">The index of the next character of the text.</param>
internal sealed record SampleStart(double[] Hidden, int Next);

/// <summary>How a sample began.</summary>
internal enum SampleFrom
{
    /// <summary>From the hidden state training had at the parameters and the text's next character.</summary>
    TrainingState,

    /// <summary>From h = 0 (unprimed, the first character drawn from softmax(c / T)).</summary>
    Zero,
}

/// <summary>Words for a <see cref="SampleFrom"/>.</summary>
internal static class SampleFromText
{
    /// <summary>The value in samples.jsonl.</summary>
    public static string Key(this SampleFrom from) => from switch
    {
        SampleFrom.TrainingState => "training-state",
        _ => "zero",
    };

    /// <summary>Reads <see cref="Key"/> back; null for anything else (an older log says nothing).</summary>
    public static SampleFrom? Parse(string? key) => key switch
    {
        "training-state" => SampleFrom.TrainingState,
        "zero" => SampleFrom.Zero,
        _ => null,
    };

    /// <summary>A phrase for a heading, e.g. <c>from the training state</c>.</summary>
    public static string Phrase(this SampleFrom from) => from switch
    {
        SampleFrom.TrainingState => "from the training state",
        _ => "from h = 0",
    };
}
