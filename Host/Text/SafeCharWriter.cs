namespace RnnTui.Text;

/// <summary>
/// Writes model text one character at a time as it is generated: made visible with <see cref="SafeText"/> for a
/// terminal, raw otherwise. A high surrogate is held until its partner arrives, so a pair is never split.
/// </summary>
internal sealed class SafeCharWriter(TextWriter output, bool makeVisible)
{
    private char? _pendingHigh;

    public void Write(char c)
    {
        if (!makeVisible)
        {
            output.Write(c);
            return;
        }

        if (_pendingHigh is { } high)
        {
            _pendingHigh = null;
            if (char.IsLowSurrogate(c))
            {
                output.Write(high);
                output.Write(c);
                return;
            }

            output.Write(SafeText.Visible(high));
        }

        if (char.IsHighSurrogate(c))
        {
            _pendingHigh = c;
            return;
        }

        output.Write(SafeText.Visible(c));
    }

    public void Write(string text)
    {
        foreach (var c in text)
        {
            Write(c);
        }
    }

    /// <summary>Writes a high surrogate still held (alone, made visible) and flushes.</summary>
    public void Flush()
    {
        if (_pendingHigh is { } high)
        {
            _pendingHigh = null;
            output.Write(SafeText.Visible(high));
        }

        output.Flush();
    }
}
