namespace RnnTui.Contracts;

/// <summary>
/// How the host fills a parameter segment when it makes a network (<see cref="ParameterSegment.Init"/>). The host draws
/// every weight from one seeded generator, segment after segment in buffer order, so that a seed gives the same network
/// on every backend. Added in 1.5.
/// </summary>
public enum SegmentInit
{
    /// <summary>
    /// Weights: N(0, sigma^2) under the <c>normal</c> initialisation, Glorot's N(0, 2 / (rows + columns)) under
    /// <c>xavier</c> and <c>orthogonal</c>.
    /// </summary>
    Weights,

    /// <summary>
    /// A square recurrent matrix: drawn as <see cref="Weights"/>, except that under <c>orthogonal</c> it is the orthogonal
    /// factor of a Gaussian matrix.
    /// </summary>
    Recurrent,

    /// <summary>Zeros, as biases start; nothing is drawn.</summary>
    Zero,

    /// <summary>Ones, as an LSTM's forget-gate bias starts; nothing is drawn.</summary>
    One,
}
