using System.Runtime.CompilerServices;

namespace RnnTui.Tests;

/// <summary>Process-wide settings for the whole test run.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// rnntui's log goes under a state folder of the test run, not the user's; the processes the tests start inherit
    /// it unless a test gives them their own.
    /// </summary>
    [ModuleInitializer]
    public static void Initialize() =>
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", Path.Combine(Path.GetTempPath(), $"rnntui-tests-state-{Environment.ProcessId}"));
}
