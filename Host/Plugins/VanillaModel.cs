using System.Reflection;
using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>
/// The vanilla RNN of the assignment, the model <c>rnn</c> and the default: its shape is <see cref="RnnShape"/>'s own
/// (U, W, V, b, c), and its kernels are the compute backend's, asked for exactly as before models were plugins, so that
/// its training is bit for bit what it was. It is part of rnntui rather than a DLL in <c>Plugins/</c>, so that the
/// default model is always there. It is public, as a plugin's class is, so that <c>rnntui plugins check rnn</c> holds it
/// to the same rules as a model found in a plugin folder.
/// </summary>
[Plugin(RnnShape.VanillaModel, "The vanilla RNN: h = tanh(W h + U x + b), o = V h + c (the assignment's model)")]
public sealed class VanillaModel : IRecurrentModel
{
    /// <summary>The model as the catalog lists it.</summary>
    internal static Plugin<IRecurrentModel> Plugin { get; } = Describe();

    /// <inheritdoc />
    public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings) => new(vocabularySize, hiddenSize);

    /// <inheritdoc />
    public IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request) =>
        request.MaxBatchSize > 1
            ? request.Backend.CreateKernel(shape, request.MaxSequenceLength, request.MaxBatchSize, request.BackendSettings)
            : request.Backend.CreateKernel(shape, request.MaxSequenceLength, request.BackendSettings);

    private static Plugin<IRecurrentModel> Describe()
    {
        var attribute = typeof(VanillaModel).GetCustomAttribute<PluginAttribute>()!;
        var assembly = typeof(VanillaModel).Assembly;
        var version = assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "?";
        return new Plugin<IRecurrentModel>(PluginKind.Model, attribute.Name, attribute.Description, version, assembly.Location, [], new VanillaModel())
        {
            Origin = PluginOrigin.BuiltIn,
        };
    }
}
