namespace RnnTui.Training;

/// <summary>How the next character is drawn from the model's scores.</summary>
/// <param name="Temperature">Divides the scores before the softmax: below 1 sharper, above 1 flatter.</param>
/// <param name="TopK">Draw only from the K most likely characters (0: all).</param>
/// <param name="TopP">Draw only from the most likely characters whose probabilities add up to P (1: all).</param>
internal sealed record SamplingOptions(double Temperature = 1.0, int TopK = 0, double TopP = 1.0)
{
    public static SamplingOptions Default { get; } = new();
}
