using RnnTui.Settings;

namespace RnnTui.Plugins;

/// <summary>
/// <c>rnntui plugins install PATH</c>: puts a plugin in the user's plugin folder as <c>NAME/NAME.dll</c>, the layout
/// the catalog loads. PATH is a plugin's DLL (its whole folder is installed, named after the DLL), a plugin's folder,
/// or a NuGet package (its <c>lib/TFM/</c> folder, named after the DLL in it). What can be judged without copying is
/// judged first (the path, the DLL's metadata, an install already there), so that most refusals touch nothing. The
/// copy is then made in a hidden folder inside the user's folder, with modes the trust checks accept, and discovered
/// there beside every other plugin: a DLL that is not .NET, has no plugin type, was built for contracts this rnntui
/// cannot serve, fails to load, or claims a kind and name another plugin has (a built-in one included: rnntui never
/// chooses between two) is refused. Only then is it renamed into place, so an install is whole or absent, and a
/// refused one leaves the user's folder as it was (folders the install created for it are removed again).
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
        userRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(userRoot));
        var known = Inspect(source, path, userRoot);
        if (known is not null)
        {
            Vacant(source, Path.Combine(userRoot, known), force);
        }

        var created = new List<string>();
        var staging = Path.Combine(userRoot, $".install-{Guid.NewGuid():N}");
        var installed = false;
        try
        {
            created.AddRange(PluginFiles.CreateFolders(userRoot));
            if (PluginTrust.CheckRoot(userRoot) is { } refused)
            {
                throw new UsageException($"cannot install into {userRoot}: {refused}");
            }

            PluginFiles.CreateFolder(staging);
            var name = Stage(source, path, staging);
            var target = Path.Combine(userRoot, name);
            var replacing = Vacant(source, target, force);
            var plugins = Check(source, staging, userRoot, folders, replacing ? target : null);
            Swap(Path.Combine(staging, name), target, replacing);
            installed = true;
            var staged = Path.Combine(staging, name);
            return new PluginInstallation(name, target, [.. plugins.Select(p => p with { AssemblyPath = Path.Combine(target, Path.GetRelativePath(staged, p.AssemblyPath)) })], replacing);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot install {source} into {userRoot}: {e.Message}");
        }
        finally
        {
            Remove(staging);
            if (!installed)
            {
                PluginFiles.RemoveEmptyFolders(created);
            }
        }
    }

    /// <summary>
    /// Refuses what can be refused before anything is copied: a path that is missing or not a plugin, a DLL whose
    /// metadata already rules it out, a folder that holds the user's plugin folder. Returns the install's name when it
    /// is known from the path (a DLL or a folder), or null (a package: the name is its DLL's, known once extracted).
    /// </summary>
    private static string? Inspect(string source, string path, string userRoot)
    {
        string folder;
        string name;
        if (Directory.Exists(path))
        {
            folder = path;
            name = Path.GetFileName(path);
        }
        else if (!File.Exists(path))
        {
            throw new UsageException($"cannot install {source}: no such file or folder");
        }
        else if (path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        else if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            if (PluginMetadata.Read(path).Problem is { } problem)
            {
                throw new UsageException($"cannot install {source}: {Path.GetFileName(path)}: {problem}");
            }

            folder = Path.GetDirectoryName(path)!;
            name = Path.GetFileNameWithoutExtension(path);
        }
        else
        {
            throw new UsageException($"cannot install {source}: not a plugin; give a plugin's DLL, its folder, or a .nupkg");
        }

        if (folder.StartsWith(PluginCatalog.DefaultRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UsageException($"cannot install {source}: it is one of rnntui's built-in plugins, which load from {PluginCatalog.DefaultRoot} already");
        }

        if (userRoot == folder || userRoot.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UsageException($"cannot install {source}: its folder {folder} holds your plugin folder; build the plugin into a folder of its own (dotnet build -o DIR) and install that");
        }

        return Directory.Exists(path) ? null : Named(source, name);
    }

    /// <summary>The name of an install, which becomes a folder the catalog loads: a hidden one never would be.</summary>
    private static string Named(string source, string name) =>
        name.StartsWith('.') ? throw new UsageException($"cannot install {source}: a plugin's name must not start with '.' ({name}): the catalog never loads a hidden folder") : name;

    /// <summary>
    /// Whether an install is there to be replaced: none (false), or one that <c>--force</c> replaces (true); without
    /// <c>--force</c>, or when a file is in the way, the install is refused.
    /// </summary>
    private static bool Vacant(string source, string target, bool force)
    {
        if (File.Exists(target))
        {
            throw new UsageException($"cannot install {source}: a file is in the way of its folder: {target}");
        }

        if (!Directory.Exists(target))
        {
            return false;
        }

        return force ? true : throw new UsageException($"cannot install {source}: {Path.GetFileName(target)} is already installed ({target}); give --force to replace it");
    }

    /// <summary>Copies the plugin into <c>STAGING/NAME/</c>; returns NAME.</summary>
    private static string Stage(string source, string path, string staging)
    {
        if (Directory.Exists(path))
        {
            var name = Named(source, PluginDllIn(path, Path.GetFileName(path), source));
            PluginFiles.CopyFolder(path, Path.Combine(staging, name));
            return name;
        }

        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            PluginFiles.CopyFolder(Path.GetDirectoryName(path)!, Path.Combine(staging, name));
            return name;
        }

        // Extracted under a hidden name first: the folder's name is the DLL's, known only once it is out.
        var unpacked = Path.Combine(staging, ".package");
        var id = PluginPackage.Extract(path, unpacked);
        var named = Named(source, PluginDllIn(unpacked, id, source));
        Directory.Move(unpacked, Path.Combine(staging, named));
        return named;
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
    /// the first reason it cannot be used. Plugins:Disabled is not applied: the user's folder serves every settings
    /// file, and a name that clashes under one of them would be refused there.
    /// </summary>
    private static IReadOnlyList<PluginInfo> Check(string source, string staging, string userRoot, IEnumerable<string> folders, string? replaced)
    {
        var roots = new List<PluginRoot> { new(PluginCatalog.DefaultRoot, PluginOrigin.BuiltIn), new(userRoot, PluginOrigin.User), new(staging, PluginOrigin.User) };
        roots.AddRange(folders.Select(f => new PluginRoot(f, PluginOrigin.Folder)));
        var catalog = PluginCatalog.DiscoverIn(roots, replaced is null ? new HashSet<string>() : new HashSet<string>([replaced]));
        bool Staged(string file) => file.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        static string Where(PluginInfo plugin) => plugin.Origin switch
        {
            PluginOrigin.BuiltIn => $"built-in {plugin.Title} ({plugin.AssemblyPath})",
            PluginOrigin.User => $"{plugin.Title} in your plugin folder ({plugin.AssemblyPath})",
            _ => $"{plugin.Title} in a Plugins:Folders entry ({plugin.AssemblyPath})",
        };

        if (catalog.Problems.FirstOrDefault(p => Staged(p.Path)) is { } problem)
        {
            var what = problem.TypeName is null ? Path.GetFileName(problem.Path) : $"{Path.GetFileName(problem.Path)} ({problem.TypeName})";
            throw new UsageException($"cannot install {source}: {what}: {problem.Reason}");
        }

        var plugins = catalog.Plugins.Where(p => Staged(p.AssemblyPath)).ToList();
        foreach (var clash in catalog.Clashes.Where(c => c.Plugins.Any(p => Staged(p.AssemblyPath))))
        {
            var other = clash.Plugins.First(p => !Staged(p.AssemblyPath));
            throw new UsageException($"cannot install {source}: its {clash.Kind.Word()} '{clash.Name}' has the name of the {Where(other)}, and rnntui never chooses between two plugins of one name: rename it in its [Plugin] attribute{(other.Origin == PluginOrigin.User ? ", or remove the installed one" : "")}");
        }

        foreach (var plugin in plugins)
        {
            if (catalog.Problems.FirstOrDefault(p => p.Declares(plugin.Kind, plugin.Name)) is { } broken)
            {
                throw new UsageException($"cannot install {source}: its {plugin.Title} has the name of a plugin that did not load ({broken.Path}: {broken.Reason}), and rnntui never chooses between two plugins of one name: rename it, or remove the other");
            }
        }

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
