namespace RnnTui.Contracts;

/// <summary>One named piece of an optimizer's state, e.g. AdaGrad's sum of squared gradients.</summary>
/// <param name="Name">A name unique within the optimizer, e.g. <c>sumSquares</c>.</param>
/// <param name="Values">The live values.</param>
public sealed record OptimizerBuffer(string Name, double[] Values);
