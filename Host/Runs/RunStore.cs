using System.Globalization;
using RnnTui.Settings;

namespace RnnTui.Runs;

/// <summary>The folder that holds one folder per run (<c>runs/</c> under the current folder unless set otherwise).</summary>
internal sealed class RunStore(string directory)
{
    public RunStore(RunsSettings settings)
        : this(settings.Directory)
    {
    }

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>
    /// Creates the folder of a new run, named <paramref name="name"/> or after the time (<c>2026-11-25-184501</c>,
    /// with <c>-2</c>, <c>-3</c>... when runs start within the same second).
    /// </summary>
    /// <exception cref="UsageException">The name is not a plain folder name, a run by that name exists, or the store cannot hold a new folder.</exception>
    public RunFolder Create(string? name, DateTime now)
    {
        try
        {
            return CreateFolder(name, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            var why = File.Exists(Directory) ? "it is a file, not a folder" : e.Message;
            throw new UsageException($"cannot create a run folder in {Directory}: {why}");
        }
    }

    private RunFolder CreateFolder(string? name, DateTime now)
    {
        if (name is not null)
        {
            CheckName(name);
            var folder = new RunFolder(Path.Combine(Directory, name));
            if (System.IO.Directory.Exists(folder.Path) && System.IO.Directory.EnumerateFileSystemEntries(folder.Path).Any())
            {
                throw new UsageException($"run '{name}' exists in {Directory}; continue it with --resume {name} or choose another --run");
            }

            System.IO.Directory.CreateDirectory(folder.CheckpointsPath);
            return folder;
        }

        var stamp = now.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? stamp : $"{stamp}-{attempt}";
            var path = Path.Combine(Directory, candidate);
            if (!System.IO.Directory.Exists(path))
            {
                var folder = new RunFolder(path);
                System.IO.Directory.CreateDirectory(folder.CheckpointsPath);
                return folder;
            }
        }
    }

    /// <summary>
    /// Finds what a RUN argument names: a checkpoint file, a run's folder, or a run's name in this store. For a
    /// checkpoint file inside a run's <c>checkpoints/</c> folder, the run is found too.
    /// </summary>
    /// <exception cref="UsageException">Nothing by that name.</exception>
    public RunTarget Resolve(string run)
    {
        if (File.Exists(run))
        {
            var file = Path.GetFullPath(run);
            var parent = Path.GetDirectoryName(file)!;
            var owner = Path.GetFileName(parent) == "checkpoints" ? new RunFolder(Path.GetDirectoryName(parent)!) : null;
            return new RunTarget(owner is { IsRun: true } ? owner : null, file);
        }

        if (System.IO.Directory.Exists(run) && new RunFolder(run) is { IsRun: true } folder)
        {
            return new RunTarget(folder, null);
        }

        if (IsPlainName(run) && new RunFolder(Path.Combine(Directory, run)) is { IsRun: true } named)
        {
            return new RunTarget(named, null);
        }

        throw new UsageException($"no run or checkpoint '{run}' (runs are in {Directory}; rnntui runs lists them)");
    }

    /// <summary>Every run in the store, the most recently active last.</summary>
    public IReadOnlyList<RunFolder> List() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateDirectories(Directory).Select(d => new RunFolder(d)).Where(f => f.IsRun).OrderBy(f => f.LastActivity)]
            : [];

    private static void CheckName(string name)
    {
        if (!IsPlainName(name))
        {
            throw new UsageException($"--run must be a plain folder name (letters, digits, '-', '_', '.'), was '{name}'");
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 100 && name != "." && name != ".." && !name.StartsWith('.')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
