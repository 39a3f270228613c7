using System.Diagnostics;

namespace RnnTui.Tests.Ui;

/// <summary>
/// A tmux server of its own (a private socket, so a user's sessions are never touched) with one detached session
/// running a command in a real pseudo-terminal: keys are sent and the screen captured as text.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _socket = "rnntui-test-" + Guid.NewGuid().ToString("N")[..8];

    public Tmux(int width, int height, string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] args = ["new-session", "-d", "-s", "main", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            args = [.. args, "-e", $"{name}={value}"];
        }

        Run([.. args, command]);
    }

    /// <summary>The tmux on the PATH, or a failure that says how to install it (CI installs it; it is never skipped).</summary>
    public static void RequireInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("tmux is not installed; the end-to-end test needs it (apt-get install -y tmux)");
        }
    }

    public string Capture() => Run(["capture-pane", "-p", "-t", "main"]);

    /// <summary>Sends keys by tmux's names (e.g. <c>s</c>, <c>Enter</c>, <c>C-c</c>).</summary>
    public void Send(string key) => Run(["send-keys", "-t", "main", key]);

    /// <summary>Captures until the condition holds, or fails after the timeout showing the last screen.</summary>
    public string WaitFor(Func<string, bool> condition, string what, double seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            screen = Capture();
            if (condition(screen))
            {
                return screen;
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"timed out after {seconds} s waiting for {what}; the screen:\n{screen}");
        return screen;
    }

    public string WaitFor(string text, double seconds = 15) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", seconds);

    public void Dispose()
    {
        try
        {
            Run(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private string Run(string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };

        // The in-memory UI tests set this for the whole test process; rnntui in tmux must draw for real.
        info.Environment.Remove("DisableRealDriverIO");
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
    }
}
