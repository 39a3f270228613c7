namespace RnnTui.Contracts;

/// <summary>
/// An optimizer whose step size the host may change between updates, for the learning-rate schedules every optimizer
/// gets (warm-up, step decay, cosine). The host reads <see cref="LearningRate"/> once, as the configured rate, and
/// when a schedule is set writes the scheduled rate before each <see cref="IOptimizer.Step"/>. Without a schedule it
/// never writes it, so an optimizer's arithmetic is the same whether or not it implements this.
/// </summary>
public interface ILearningRateOptimizer : IOptimizer
{
    /// <summary>The learning rate the next step uses (e.g. AdaGrad's and SGD's eta, Adam's alpha).</summary>
    double LearningRate { get; set; }
}
