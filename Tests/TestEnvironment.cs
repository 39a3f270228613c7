using System.Runtime.CompilerServices;

namespace RnnTui.Tests;

/// <summary>Process-wide settings for the whole test run.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// rnntui's log goes under a state folder of the test run, and its user plugin folder under a data folder of the
    /// test run, never the user's: the processes the tests start inherit both unless a test gives them their own. The
    /// data folder is never created, so the user plugin folder is missing, as on a machine where nothing was installed.
    /// </summary>
    [ModuleInitializer]
    public static void Initialize()
    {
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", Path.Combine(Path.GetTempPath(), $"rnntui-tests-state-{Environment.ProcessId}"));
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(Path.GetTempPath(), $"rnntui-tests-data-{Environment.ProcessId}"));
    }
}
