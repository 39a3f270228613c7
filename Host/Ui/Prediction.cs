namespace RnnTui.Ui;

/// <summary>A candidate next character and the model's probability for it.</summary>
internal readonly record struct Prediction(char Character, double Probability)
{
    /// <summary>The <paramref name="count"/> likeliest characters, most likely first (ties: lower index first).</summary>
    public static Prediction[] Top(ReadOnlySpan<double> probabilities, IReadOnlyList<char> characters, int count)
    {
        var order = Enumerable.Range(0, probabilities.Length).ToArray();
        var copy = probabilities.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return [.. order.Take(count).Select(i => new Prediction(characters[i], copy[i]))];
    }
}
