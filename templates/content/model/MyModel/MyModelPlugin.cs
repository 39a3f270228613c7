using RnnTui.Contracts;

namespace MyModel;

/// <summary>
/// What rnntui discovers: a public class with a parameterless constructor and a [Plugin] attribute. Users select it with
/// --model mymodel. It is an Elman network, one tanh layer whose state feeds back:
/// h_t = tanh(U x_t + W h_{t-1} + b), o_t = V h_t + c, p_t = softmax(o_t).
/// </summary>
[Plugin("mymodel", "An Elman network in plain float64 loops: h = tanh(U x + W h + b), o = V h + c (a starting point)")]
public sealed class MyModelPlugin : IRecurrentModel
{
    /// <summary>The model's name in shapes and checkpoints (<c>rnn</c> is rnntui's built-in vanilla RNN's).</summary>
    public const string Name = "mymodel";

    /// <summary>The one backend this model has a kernel for; rnntui always has it.</summary>
    public const string Backend = "managed";

    /// <summary>
    /// The parameter layout: U (m x K), W (m x m), V (K x m), b (m), c (K), one after another, each matrix stored by
    /// row. Init says how rnntui fills each when it makes a network: weights drawn, W as a recurrent matrix (orthogonal
    /// under --init orthogonal), biases zero. The state a sequence carries is h, m numbers.
    /// </summary>
    public RnnShape CreateShape(int vocabularySize, int hiddenSize, PluginSettings settings)
    {
        // This model defines no settings. One that does reads each here and in CreateKernel, with settings.GetDouble,
        // GetIntegerInRange, ..., so that a bad value is refused before any work.
        var (k, m) = (vocabularySize, hiddenSize);
        var segments = new List<ParameterSegment>();
        void Add(string name, int rows, int columns, SegmentInit init)
        {
            var offset = segments.Count == 0 ? 0 : segments[^1].End;
            segments.Add(new ParameterSegment(name, offset, rows, columns) { Init = init });
        }

        Add("U", m, k, SegmentInit.Weights);
        Add("W", m, m, SegmentInit.Recurrent);
        Add("V", k, m, SegmentInit.Weights);
        Add("b", m, 1, SegmentInit.Zero);
        Add("c", k, 1, SegmentInit.Zero);
        return new RnnShape(vocabularySize, hiddenSize, Name, layers: 1, stateSize: hiddenSize, segments);
    }

    /// <summary>
    /// A kernel for the <c>managed</c> backend; null for any other, which tells rnntui that this model has no kernel
    /// there (a kernel for another backend, e.g. one using its vector instructions, would be made here by its name).
    /// </summary>
    public IRnnKernel? CreateKernel(RnnShape shape, ModelKernelRequest request)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(request);
        if (shape.Model != Name)
        {
            throw new ArgumentException($"the model {Name} cannot compute the shape of {shape}", nameof(shape));
        }

        return request.BackendName == Backend ? new MyModelKernel(shape, request.MaxSequenceLength) : null;
    }
}
