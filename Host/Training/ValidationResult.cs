namespace RnnTui.Training;

/// <summary>The validation loss where it stands: the latest evaluation and the lowest so far.</summary>
/// <param name="Loss">The latest mean loss per sequence of seq_length characters over the held-out text (NaN before the first).</param>
/// <param name="PerCharacter">The same loss per character.</param>
/// <param name="Step">The update step it was computed after (0 before the first).</param>
/// <param name="Milliseconds">What computing it took.</param>
/// <param name="BestLoss">The lowest validation loss so far (infinity before the first).</param>
/// <param name="BestStep">The update step it was computed after (0 before the first).</param>
internal readonly record struct ValidationResult(double Loss, double PerCharacter, long Step, double Milliseconds, double BestLoss, long BestStep)
{
    /// <summary>No evaluation yet.</summary>
    public static ValidationResult None => new(double.NaN, double.NaN, 0, 0, double.PositiveInfinity, 0);

    /// <summary>Whether a validation loss has been computed.</summary>
    public bool HasLoss => Step > 0;
}
