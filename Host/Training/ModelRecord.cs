using RnnTui.Contracts;

namespace RnnTui.Training;

/// <summary>
/// The model a checkpoint's parameters belong to: its name, its layers and recurrent state, its parameter count and
/// the settings it was made with, so that a resume or a sample makes the same network again and refuses another.
/// </summary>
/// <param name="Name">The model's name, e.g. <c>lstm</c>.</param>
/// <param name="Layers">The recurrent layers stacked.</param>
/// <param name="StateSize">The length of one sequence's recurrent state.</param>
/// <param name="ParameterCount">The length of the flat parameter buffer.</param>
/// <param name="Settings">The model's settings, in key order.</param>
internal sealed record ModelRecord(string Name, int Layers, int StateSize, long ParameterCount, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>The vanilla RNN of K characters and m units, which a checkpoint without a model section holds.</summary>
    public static ModelRecord Vanilla(int k, int m) => Of(new RnnShape(k, m), []);

    /// <summary>Whether this is the vanilla RNN, which checkpoints record in their header alone.</summary>
    public bool IsVanilla => Name == RnnShape.VanillaModel;

    /// <summary>The record of a shape made with these settings.</summary>
    public static ModelRecord Of(RnnShape shape, IEnumerable<KeyValuePair<string, string>> settings) =>
        new(shape.Model, shape.Layers, shape.StateSize, shape.ParameterCount, [.. settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)]);

    /// <summary>The settings as one line, e.g. <c>dropout=0.2, layers=2</c>.</summary>
    public string SettingsText => string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"));

    /// <summary>Whether two records describe the same model with the same settings.</summary>
    public bool Equals(ModelRecord? other) =>
        other is not null && Name.Equals(other.Name, StringComparison.OrdinalIgnoreCase) && Layers == other.Layers && StateSize == other.StateSize
        && ParameterCount == other.ParameterCount && SettingsText.Equals(other.SettingsText, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(Name.ToLowerInvariant(), Layers, StateSize, ParameterCount);
}
