using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>
/// An analytic gradient against centred differences (L(θ + h) - L(θ - h)) / 2h of a loss function, h = 1e-5, element by
/// element, by the relative error |a - n| / max(|a|, |n|, floor); elements where both are below 1e-12 are skipped.
/// </summary>
/// <remarks>
/// A loss L is known to about a unit of its last place, ε |L| (some 2e-15 for a loss of 10), so every difference
/// quotient carries an absolute rounding error of about ε |L| / h, some 2e-10, whatever the element: a derivative of
/// 1e-6 cannot be known to 1e-5 relative that way. So the error is taken relative to at least the floor at which
/// <see cref="Noise"/> such units are <see cref="Tolerance"/> of the derivative: an element above the floor is held to
/// 1e-5 relative, one below it to an absolute error of <see cref="Noise"/> ε |L| / h.
/// </remarks>
internal static class CentredGradient
{
    public const double H = 1e-5;

    public const double Tolerance = 1e-5;

    /// <summary>How many units of the loss's rounding, ε |L| / h, the difference quotient is allowed below the floor.</summary>
    public const double Noise = 8;

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The largest relative error over every parameter, and where it is.</summary>
    public static (double Error, string Where) Worst(RnnShape shape, double[] parameters, double[] analytic, Func<double[], double> loss)
    {
        var rounding = Noise * MachineEpsilon * Math.Max(1.0, Math.Abs(loss(parameters))) / H;
        return CentredDifferences.Worst(shape, parameters, analytic, 1, (theta, terms) => terms[0] = loss(theta), H, floor: rounding / Tolerance, negligible: Negligible);
    }

    /// <summary>Both derivatives below this, the element is passed over.</summary>
    private const double Negligible = 1e-12;
}
