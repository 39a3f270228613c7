namespace RnnTui.Settings;

/// <summary>Where rnntui writes its log.</summary>
[SettingsSection("Log", "where rnntui writes its log")]
internal sealed record LogSettings
{
    /// <summary>The log file used when <see cref="Path"/> is empty: <c>$XDG_STATE_HOME/rnntui/rnntui.log</c>, else under <c>~/.local/state</c>.</summary>
    public static string DefaultPath
    {
        get
        {
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state) || !System.IO.Path.IsPathRooted(state))
            {
                state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return System.IO.Path.Combine(state, "rnntui", "rnntui.log");
        }
    }

    [Setting("the log file (empty: $XDG_STATE_HOME/rnntui/rnntui.log, else ~/.local/state/rnntui/rnntui.log)", IsPath = true, RelativeToCurrentFolder = true)]
    public string Path { get; init; } = "";

    /// <summary>The file to write: <see cref="Path"/>, or <see cref="DefaultPath"/> when it is empty.</summary>
    public string File => Path.Length > 0 ? Path : DefaultPath;
}
