namespace RnnTui.Plugins;

/// <summary>
/// Refuses plugin files that someone other than the user could have written, as OpenSSH's StrictModes refuses a
/// <c>~/.ssh</c> that others can write: loading a plugin runs its code as the user, so on a shared server a plugin
/// folder anyone can write to lets anyone run code as whoever runs rnntui. Refused, each with the command that fixes
/// it: a plugin root, a plugin's folder or anything in it that every user may write to (o+w) or that another user
/// than the current one or root owns; and a plugin root below a folder that every user may write to without the
/// sticky bit (anyone could move the plugin root away and put their own in its place; with the sticky bit, as on
/// <c>/tmp</c>, only its owner can). The rules read mode bits and owners, never whether a write would succeed,
/// since root may write anywhere.
/// </summary>
/// <remarks>
/// Group-writable files are accepted. Most Linux distributions give each user a group of their own and a umask of
/// 002, so everything a user creates (their build of rnntui and its <c>Plugins/</c> included) is writable by a group
/// whose only member is that user; refusing it would refuse the user's own files. A group with other members is a
/// grant of trust an administrator made; world-writable never is.
/// </remarks>
internal static class PluginTrust
{
    /// <summary>Why a plugin root, or a folder above it, makes its plugins untrustworthy; null when it does not.</summary>
    public static string? CheckRoot(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            // No Unix modes to read; Windows' access lists are another matter.
            return null;
        }

        if (Check(root) is { } reason)
        {
            return reason;
        }

        // The folders above the real location, so that a link to a plugin root in a shared folder is judged there.
        for (var parent = Path.GetDirectoryName(UnixFileStatus.RealPath(root)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            UnixFileMode mode;
            try
            {
                (mode, _) = UnixFileStatus.Of(parent);
            }
            catch (IOException)
            {
                // A folder above that cannot be examined cannot be judged; the root's own checks stand.
                continue;
            }

            if ((mode & UnixFileMode.OtherWrite) != 0 && (mode & UnixFileMode.StickyBit) == 0)
            {
                return $"refused: the folder above it, {parent}, is writable by every user without the sticky bit (mode {Octal(mode)}), "
                    + $"so anyone could put another plugin folder in its place; fix: chmod o-w {Quote(parent)} (or chmod +t {Quote(parent)}), or keep the plugins elsewhere";
            }
        }

        return null;
    }

    /// <summary>The first of a plugin's folder and everything in it that must not be trusted, and why; null when none.</summary>
    public static (string Path, string Reason)? CheckPlugin(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            foreach (var path in Contents(folder, depth: 0).Prepend(folder))
            {
                if (Check(path) is { } reason)
                {
                    return (path, reason);
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (folder, $"refused: cannot examine it: {e.Message}");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string? Check(string path)
    {
        UnixFileMode mode;
        uint? owner;
        try
        {
            (mode, owner) = UnixFileStatus.Of(path);
        }
        catch (IOException e)
        {
            return $"refused: {e.Message}";
        }

        if ((mode & UnixFileMode.OtherWrite) != 0)
        {
            return $"refused: writable by every user (mode {Octal(mode)}), so anyone on this machine could make rnntui run their code; fix: chmod o-w {Quote(path)}";
        }

        if (owner is { } uid && uid != 0 && UnixFileStatus.CurrentUser is { } me && uid != me)
        {
            var user = Environment.UserName;
            return $"refused: owned by user {uid}, not by you ({user}) or root, so that user could make rnntui run their code; fix: chown {Quote(user)} {Quote(path)}, or remove it";
        }

        return null;
    }

    /// <summary>Everything in a folder, folders before their contents; a link to a folder is judged but not entered.</summary>
    private static IEnumerable<string> Contents(string folder, int depth)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            yield return entry;
            if (depth < 16 && Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
            {
                foreach (var inner in Contents(entry, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);

    /// <summary>A path as a shell command takes it: as it is when that is safe, else in single quotes.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "_./+,:@%=-".Contains(c, StringComparison.Ordinal))
            ? text
            : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
