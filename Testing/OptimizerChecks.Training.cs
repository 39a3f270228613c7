using RnnTui.Contracts;

namespace RnnTui.Testing;

/// <summary>The check that an optimizer trains: a short run of a tiny network on a short text.</summary>
internal static partial class OptimizerChecks
{
    /// <summary>
    /// The smooth loss (0.999 smooth + 0.001 loss, as the host shows it) must end at least 10% below the first loss. It
    /// moves slowly by design: after 1,000 updates the first loss still weighs 37% in it, so a 10% fall means the losses
    /// of the run averaged well below the first. An optimizer that works falls further (AdaGrad's defaults: about 50%;
    /// Adam at 0.001, slow for this size: 15%); one that diverges or does not move does not.
    /// </summary>
    private static string LossFalls(Func<int, IOptimizer> create)
    {
        var (first, smooth, losses) = TinyTraining.Run(create, HostStep);
        var last = losses.TakeLast(25).Average();
        var what = $"{TinyTraining.Updates:N0} updates of m = {TinyTraining.Hidden} on {SampleText.Text.Length} characters (K = {TinyTraining.Vocabulary.Length}) with the managed backend";
        CheckList.Expect(losses.All(double.IsFinite), () => $"the loss became {losses.First(l => !double.IsFinite(l))} in {what}");
        CheckList.Expect(smooth <= 0.9 * first, () =>
            $"the smooth loss went from {first:0.00} to {smooth:0.00} (the last 25 losses average {last:0.00}) in {what}: it should fall by 10% at least");
        return $"the smooth loss fell from {first:0.00} to {smooth:0.00} (the last 25 losses average {last:0.00}) in {what}";
    }
}
