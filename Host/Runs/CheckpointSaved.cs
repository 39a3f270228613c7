namespace RnnTui.Runs;

/// <summary>A checkpoint written: where, at which update step, and the lowest smooth loss it records.</summary>
internal sealed record CheckpointSaved(string Path, long Step, double BestSmoothLoss);
