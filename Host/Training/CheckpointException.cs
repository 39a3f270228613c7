using RnnTui.Text;

namespace RnnTui.Training;

/// <summary>A checkpoint that cannot be used: damaged, truncated, of another format, or not of this run.</summary>
/// <remarks>
/// Messages quote text read from the file (section names), so control characters in them are made visible: a
/// crafted file must not be able to write escape sequences or extra lines to the terminal.
/// </remarks>
internal sealed class CheckpointException(string message) : Exception(SafeText.Escape(message, keepNewlines: false));
