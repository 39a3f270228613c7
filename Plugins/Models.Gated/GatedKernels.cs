using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>
/// How both gated models answer <see cref="IRecurrentModel.CreateKernel"/>: their settings read and checked, then the
/// model's kernel on the reference algebra for the <c>managed</c> backend, on TensorPrimitives for <c>simd</c>
/// (float64 only), and none for any other backend.
/// </summary>
internal static class GatedKernels
{
    /// <summary>Makes a model's kernel for the backend the request names, or returns null when there is none.</summary>
    /// <param name="model">The model's name, for messages and to check the shape is the model's.</param>
    /// <param name="shape">The network's shape.</param>
    /// <param name="request">The backend and the settings.</param>
    /// <param name="create">Makes the model's kernel from the shape, the longest sequence, the dropout and the algebra.</param>
    /// <exception cref="PluginInputException">A setting is out of range, or the backend asks for float32.</exception>
    public static IRnnKernel? Create(string model, RnnShape shape, ModelKernelRequest request, Func<RnnShape, int, double, VectorAlgebra, IRnnKernel> create)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(request);
        var layers = GatedSettings.ReadLayers(request.ModelSettings);
        var dropout = GatedSettings.ReadDropout(request.ModelSettings, layers);
        if (!request.Training)
        {
            // A kernel that only checks gradients never drops out; the setting was read all the same, so that a bad
            // value is refused alike.
            dropout = 0;
        }
        if (shape.Model != model)
        {
            throw new ArgumentException($"the model {model} cannot compute the shape of {shape}", nameof(shape));
        }

        switch (request.BackendName)
        {
            case "managed":
                return create(shape, request.MaxSequenceLength, dropout, new ReferenceAlgebra());
            case "simd":
                if (string.Equals(request.BackendSettings.GetText("precision", "f64"), "f32", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PluginInputException($"model {model} has no float32 kernel: use --precision f64");
                }

                return create(shape, request.MaxSequenceLength, dropout, new TensorAlgebra(shape.HiddenSize));
            default:
                return null;
        }
    }
}
