using System.Numerics;

namespace RnnTui.Contracts;

/// <summary>
/// The dense matrix product a backend may offer to models, so that a model plugin computes its own network in matrix
/// products as fast as the backend's own kernels, without a copy of them: a model's kernel finds it as
/// <c>request.Backend as IMatrixProducts</c> (<see cref="ModelKernelRequest.Backend"/>). Optional; added in 1.6.
/// </summary>
/// <remarks>
/// One product serves every layout a batched network needs: C = A X, where X and C are stored by row and A is read at
/// any two strides, so that A may be a matrix stored by row (<c>aRow</c> = its columns, <c>aInner</c> = 1), the
/// transpose of one (<c>aRow</c> = 1, <c>aInner</c> = its columns), or one row repeated (<c>aRow</c> = 0).
/// </remarks>
public interface IMatrixProducts
{
    /// <summary>
    /// C[r * cRow + j] = (or +=) the sum over q &lt; <paramref name="inner"/> of A[r * aRow + q * aInner] * X[q * xRow + j],
    /// for r &lt; <paramref name="rows"/> and j &lt; <paramref name="columns"/>. The sum of each element takes its terms
    /// in the order of q, so that a product gives the same bits every time it is called with the same arguments.
    /// </summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="a">A, read at <c>r * aRow + q * aInner</c>.</param>
    /// <param name="aRow">The distance in A from one row of C to the next (0 or more).</param>
    /// <param name="aInner">The distance in A from one term of a sum to the next (0 or more).</param>
    /// <param name="x">X, <paramref name="inner"/> rows of <paramref name="columns"/> elements, <paramref name="xRow"/> apart.</param>
    /// <param name="xRow">The distance between rows of X.</param>
    /// <param name="c">C, <paramref name="rows"/> rows of <paramref name="columns"/> elements, <paramref name="cRow"/> apart; must not overlap A or X.</param>
    /// <param name="cRow">The distance between rows of C.</param>
    /// <param name="rows">The rows of C.</param>
    /// <param name="columns">The columns of C and of X.</param>
    /// <param name="inner">The terms of each sum: the shared dimension of A and X.</param>
    /// <param name="add">Whether to add the product to C rather than overwrite C.</param>
    /// <exception cref="ArgumentException">A size is negative, or a span is too short for the sizes and strides given.</exception>
    void Multiply<T>(ReadOnlySpan<T> a, int aRow, int aInner, ReadOnlySpan<T> x, int xRow, Span<T> c, int cRow, int rows, int columns, int inner, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
