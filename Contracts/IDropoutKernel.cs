namespace RnnTui.Contracts;

/// <summary>
/// A kernel that drops units out at random while it trains (<see cref="IRnnKernel.ForwardBackward"/> and
/// <see cref="IBatchedRnnKernel.ForwardBackwardBatch"/>); <see cref="IRnnKernel.Loss"/> and <see cref="IRnnKernel.Step"/>
/// never drop out. Its masks must come from the seed the host gives, so that a resumed run, or the same run again,
/// draws the same masks. Added in 1.5.
/// </summary>
public interface IDropoutKernel
{
    /// <summary>
    /// Called before the forward-backward calls of every training update, with a seed fixed by the run's seed, the
    /// update and the thread; the kernel draws every mask of the update's calls, in order, from it.
    /// </summary>
    /// <param name="seed">The seed of this update on this thread.</param>
    void BeginUpdate(ulong seed);
}
