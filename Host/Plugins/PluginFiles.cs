namespace RnnTui.Plugins;

/// <summary>
/// Copies that an install makes, with modes the trust checks accept whatever the source had: folders 0755, files 0644
/// (0755 when the owner could run them), never writable by others. A folder far larger than a plugin's is refused,
/// since a DLL's "whole folder" might be someone's Downloads.
/// </summary>
internal static class PluginFiles
{
    /// <summary>More files than a plugin with its dependencies has; a folder past it is not a plugin's build folder.</summary>
    public const int MaxFiles = 2000;

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Creates a folder (and those above it that are missing) readable by all and writable only by the user.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Creates a folder and the missing ones above it, as <see cref="CreateFolder"/> does.</summary>
    /// <returns>The folders it created, outermost first, for <see cref="RemoveEmptyFolders"/> to take back.</returns>
    public static IReadOnlyList<string> CreateFolders(string path)
    {
        var missing = new List<string>();
        for (var folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Insert(0, folder);
        }

        foreach (var folder in missing)
        {
            CreateFolder(folder);
        }

        return missing;
    }

    /// <summary>Removes those of these folders that are empty, innermost first; one that cannot be removed is left.</summary>
    public static void RemoveEmptyFolders(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Reverse())
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Something else put a file there meanwhile, or the folder is not ours to remove: it stays.
            }
        }
    }

    /// <summary>Copies everything in <paramref name="source"/> into the new folder <paramref name="destination"/>.</summary>
    /// <exception cref="Settings.UsageException">The source holds more than <see cref="MaxFiles"/> files.</exception>
    public static void CopyFolder(string source, string destination)
    {
        var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Take(MaxFiles + 1).ToList();
        if (files.Count > MaxFiles)
        {
            throw new Settings.UsageException($"{source} holds more than {MaxFiles:N0} files, more than a plugin's folder: build the plugin into a folder of its own (dotnet build -o DIR) and install that");
        }

        CreateFolder(destination);
        foreach (var file in files)
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            CreateFolder(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            SetFileMode(target, executable: IsExecutable(file));
        }
    }

    /// <summary>Gives a file written by the install the mode of a plugin file.</summary>
    public static void SetFileMode(string path, bool executable = false)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? FileMode | Executable : FileMode);
        }
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
