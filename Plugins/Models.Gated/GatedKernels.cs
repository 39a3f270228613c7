using System.Numerics;
using RnnTui.Contracts;

namespace RnnTui.Models.Gated;

/// <summary>How a gated model makes its two kinds of kernel, so that <see cref="GatedKernels.Create"/> serves both.</summary>
internal interface IGatedKernels
{
    /// <summary>The reference kernel in plain loops, for the <c>managed</c> backend.</summary>
    IRnnKernel CreateReference(RnnShape shape, int maxSequenceLength, double dropout);

    /// <summary>The batched computation on a backend's matrix products, in <typeparamref name="T"/>.</summary>
    GatedBatch<T> CreateBatch<T>(RnnShape shape, int maxSequenceLength, int maxBatchSize, double dropout, IMatrixProducts products)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// How both gated models answer <see cref="IRecurrentModel.CreateKernel"/>: their settings read and checked, then the
/// reference kernel for the <c>managed</c> backend; for a backend that offers <see cref="IMatrixProducts"/> (such as
/// <c>simd</c>), the batched kernel on its products, in float32 when the backend's <c>precision</c> is <c>f32</c>, else
/// float64; and none for any other backend.
/// </summary>
internal static class GatedKernels
{
    /// <summary>The backend every model has its reference kernel for.</summary>
    public const string ManagedBackend = "managed";

    /// <summary>Makes a model's kernel for the backend the request names, or returns null when there is none.</summary>
    /// <param name="model">The model's name, for messages and to check the shape is the model's.</param>
    /// <param name="shape">The network's shape.</param>
    /// <param name="request">The backend and the settings.</param>
    /// <param name="kernels">The model's kernels.</param>
    /// <exception cref="PluginInputException">A setting is out of range.</exception>
    public static IRnnKernel? Create(string model, RnnShape shape, ModelKernelRequest request, IGatedKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(request);
        GatedSettings.ReadLayers(request.ModelSettings);
        var dropout = GatedSettings.ReadDropout(request.ModelSettings);
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

        if (request.BackendName == ManagedBackend)
        {
            return kernels.CreateReference(shape, request.MaxSequenceLength, dropout);
        }

        if (request.Backend is not IMatrixProducts products)
        {
            return null;
        }

        var batch = Math.Max(1, request.MaxBatchSize);
        return string.Equals(request.BackendSettings.GetText("precision", "f64"), "f32", StringComparison.OrdinalIgnoreCase)
            ? new GatedBatchKernel<float>(kernels.CreateBatch<float>(shape, request.MaxSequenceLength, batch, dropout, products))
            : new GatedBatchKernel<double>(kernels.CreateBatch<double>(shape, request.MaxSequenceLength, batch, dropout, products));
    }
}
