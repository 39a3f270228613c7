namespace RnnTui.Testing;

/// <summary>How one conformance check ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>The plugin does what the host relies on.</summary>
    Pass,

    /// <summary>It does not; the detail says what was seen.</summary>
    Fail,

    /// <summary>The check does not apply to this plugin; the detail says why, and what would make it apply.</summary>
    Skip,
}
