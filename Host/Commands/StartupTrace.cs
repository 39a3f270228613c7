namespace RnnTui.Commands;

internal static class StartupTrace
{
    private static readonly string? File = Environment.GetEnvironmentVariable("TRACE_STARTUP_FILE");
    private static readonly DateTime Start = System.Diagnostics.Process.GetCurrentProcess().StartTime;

    public static void Mark(string what)
    {
        if (File is null)
        {
            return;
        }

        var p = System.Diagnostics.Process.GetCurrentProcess();
        System.IO.File.AppendAllText(File, $"{(DateTime.Now - Start).TotalMilliseconds,8:F1} ms  cpu {p.TotalProcessorTime.TotalMilliseconds,7:F1}  {what}\n");
    }
}
