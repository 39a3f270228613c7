using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// <c>rnntui plugins install PATH</c>: puts a plugin in the user's plugin folder as <c>NAME/NAME.dll</c>, the layout
/// the catalog loads. PATH is a plugin's DLL (its whole folder is installed, named after the DLL), a plugin's folder,
/// or a NuGet package (its <c>lib/TFM/</c> folder, named after the DLL in it). The copy is made in a hidden folder
/// beside the destination, with modes the trust checks accept, and discovered there with every installed plugin: a
/// DLL that is not .NET, has no plugin type, was built for other contracts, fails to load, or gives a kind and name
/// that another plugin has is refused, and nothing is left behind. Only then is it renamed into place, so an install
/// is whole or absent. An existing install of the name is replaced only when asked (<c>--force</c>).
/// </summary>
internal static class PluginInstaller
{
    /// <summary>Installs the plugin at <paramref name="source"/> into <paramref name="userRoot"/>.</summary>
    /// <param name="source">A plugin DLL, a plugin folder or a .nupkg.</param>
    /// <param name="userRoot">The user's plugin folder (created when missing).</param>
    /// <param name="folders">The settings' other plugin folders, whose plugins an installed one must not clash with.</param>
    /// <param name="force">Replace an install of the same name.</param>
    /// <exception cref="UsageException">The plugin is refused, or the user's folder cannot take it; nothing was changed.</exception>
    public static PluginInstallation Install(string source, string userRoot, IEnumerable<string> folders, bool force)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(source));
        var staging = Path.Combine(userRoot, $".install-{Guid.NewGuid():N}");
        try
        {
            PluginFiles.CreateFolder(userRoot);
            if (PluginTrust.CheckRoot(userRoot) is { } refused)
            {
                throw new UsageException($"cannot install into {userRoot}: {refused}");
            }

            PluginFiles.CreateFolder(staging);
            var name = Stage(path, staging);
            var target = Path.Combine(userRoot, name);
            var exists = Path.Exists(target);
            if (exists && !force)
            {
                throw new UsageException($"cannot install {source}: {name} is already installed ({target}); give --force to replace it");
            }

            if (File.Exists(target))
            {
                throw new UsageException($"cannot install {source}: a file is in the way of its folder: {target}");
            }

            var plugins = Check(source, staging, userRoot, folders, exists ? target : null);
            Swap(Path.Combine(staging, name), target, exists);
            return new PluginInstallation(name, target, [.. plugins.Select(p => p with { AssemblyPath = Path.Combine(target, Path.GetRelativePath(Path.Combine(staging, name), p.AssemblyPath)) })], exists);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot install {source} into {userRoot}: {e.Message}");
        }
        finally
        {
            Remove(staging);
        }
    }

    /// <summary>Copies the plugin into <c>STAGING/NAME/</c>; returns NAME.</summary>
    private static string Stage(string path, string staging)
    {
        if (Directory.Exists(path))
        {
            var name = PluginDllIn(path, Path.GetFileName(path), path);
            PluginFiles.CopyFolder(path, Path.Combine(staging, name));
            return name;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"cannot install {path}: no such file or folder");
        }

        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            PluginFiles.CopyFolder(Path.GetDirectoryName(path)!, Path.Combine(staging, name));
            return name;
        }

        if (path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            // Extracted under a hidden name first: the folder's name is the DLL's, known only once it is out.
            var unpacked = Path.Combine(staging, ".package");
            var id = PluginPackage.Extract(path, unpacked);
            var name = PluginDllIn(unpacked, id, path);
            Directory.Move(unpacked, Path.Combine(staging, name));
            return name;
        }

        throw new UsageException($"cannot install {path}: not a plugin; give a plugin's DLL, its folder, or a .nupkg");
    }

    /// <summary>
    /// The name of the plugin DLL in a folder: <c>NAME.dll</c> for the name expected, else the one DLL in it whose
    /// metadata declares plugins.
    /// </summary>
    private static string PluginDllIn(string folder, string expected, string source)
    {
        var dlls = Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
        if (dlls.FirstOrDefault(d => Path.GetFileNameWithoutExtension(d).Equals(expected, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return Path.GetFileNameWithoutExtension(named);
        }

        var declaring = dlls.Where(d => PluginMetadata.Read(d).Declared.Count > 0).ToList();
        return declaring.Count switch
        {
            1 => Path.GetFileNameWithoutExtension(declaring[0]),
            0 => throw new UsageException($"cannot install {source}: no {expected}.dll in it, and no other DLL in it declares a [Plugin]"),
            _ => throw new UsageException($"cannot install {source}: several DLLs in it declare plugins ({string.Join(", ", declaring.Select(Path.GetFileName))}); install one by its DLL's path"),
        };
    }

    /// <summary>
    /// Discovers the staged plugin beside every installed one (an install being replaced left out): its plugins, or
    /// the first reason it cannot be used.
    /// </summary>
    private static IReadOnlyList<PluginInfo> Check(string source, string staging, string userRoot, IEnumerable<string> folders, string? replaced)
    {
        var roots = new List<PluginRoot> { new(PluginCatalog.DefaultRoot, PluginOrigin.BuiltIn), new(userRoot, PluginOrigin.User), new(staging, PluginOrigin.User) };
        roots.AddRange(folders.Select(f => new PluginRoot(f, PluginOrigin.Folder)));
        var catalog = PluginCatalog.DiscoverIn(roots, replaced is null ? new HashSet<string>() : new HashSet<string>([replaced]));
        bool Staged(string file) => file.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        if (catalog.Problems.FirstOrDefault(p => Staged(p.Path)) is { } problem)
        {
            var what = problem.TypeName is null ? Path.GetFileName(problem.Path) : $"{Path.GetFileName(problem.Path)} ({problem.TypeName})";
            throw new UsageException($"cannot install {source}: {what}: {problem.Reason}");
        }

        foreach (var clash in catalog.Clashes.Where(c => c.Plugins.Any(p => Staged(p.AssemblyPath))))
        {
            var others = clash.Plugins.Where(p => !Staged(p.AssemblyPath)).Select(p => $"{p.AssemblyPath} ({p.Origin.Word()})");
            throw new UsageException($"cannot install {source}: its {clash.Kind.Word()} '{clash.Name}' has the name of one already installed, {string.Join(", ", others)}; rnntui never uses two plugins of one name");
        }

        var plugins = catalog.Plugins.Where(p => Staged(p.AssemblyPath)).ToList();
        return plugins.Count > 0 ? plugins : throw new UsageException($"cannot install {source}: it provides no plugin");
    }

    /// <summary>Renames the staged folder into place; an install it replaces is moved aside first and put back if that fails.</summary>
    private static void Swap(string staged, string target, bool replacing)
    {
        if (!replacing)
        {
            Directory.Move(staged, target);
            return;
        }

        var aside = Path.Combine(Path.GetDirectoryName(target)!, $".replaced-{Guid.NewGuid():N}");
        Directory.Move(target, aside);
        try
        {
            Directory.Move(staged, target);
        }
        catch
        {
            Directory.Move(aside, target);
            throw;
        }

        Remove(aside);
    }

    private static void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A hidden leftover is ignored by the catalog; failing the install over it would help no one.
        }
    }
}
