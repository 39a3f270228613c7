namespace RnnTui.Ui;

/// <summary>What the status line's words follow: "pause" or "resume", and the temperature in "T 1.0".</summary>
/// <param name="Temperature">The sampling temperature.</param>
/// <param name="Paused">Whether training is paused.</param>
internal readonly record struct KeyState(double Temperature, bool Paused);
