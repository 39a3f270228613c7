namespace RnnTui.Settings;

/// <summary>Where run folders are kept.</summary>
[SettingsSection("Runs", "where run folders are kept")]
internal sealed record RunsSettings
{
    [Setting("keep runs in DIR (relative to the current folder)", IsPath = true, RelativeToCurrentFolder = true, Option = "runs-dir", ValueName = "DIR", Scope = OptionScope.RunStore)]
    public string Directory { get; init; } = "runs";
}
