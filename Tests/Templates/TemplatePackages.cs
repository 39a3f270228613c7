namespace RnnTui.Tests.Templates;

/// <summary>
/// What a plugin author has before running <c>dotnet new</c>: a local package folder holding RnnTui.Contracts,
/// RnnTui.Testing and RnnTui.Templates, packed from this checkout, and the templates installed from that package
/// into a template hive of the test's own (never the user's). Restores use a package cache of their own too, so a
/// package packed now is never mistaken for an older one of the same version in the user's cache.
/// </summary>
public sealed class TemplatePackages : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempFolder _work = TestData.TempFolder();

    public TemplatePackages()
    {
        Packages = Path.Combine(_work.Path, "packages");
        Hive = Path.Combine(_work.Path, "hive");
        UserData = Path.Combine(_work.Path, "data");
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work.Path, "nuget-cache"),
            ["XDG_DATA_HOME"] = UserData,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        // As the guide says: dotnet pack RnnTui.sln; the tests' own build is packed, not built again.
        ToolProcess.RunOk(TestData.RepoRoot, Environment, "dotnet", "pack", Path.Combine(TestData.RepoRoot, "RnnTui.sln"), "--no-build", "-c", Configuration, "-o", Packages, "-nologo", "-v", "q");

        var templates = Directory.GetFiles(Packages, "RnnTui.Templates.*.nupkg").Single();
        ToolProcess.RunOk(_work.Path, Environment, "dotnet", "new", "install", templates, "--debug:custom-hive", Hive);
    }

    /// <summary>The local package folder.</summary>
    public string Packages { get; }

    /// <summary>The template hive the templates are installed in.</summary>
    public string Hive { get; }

    /// <summary>The XDG data folder: the user plugin folder is <c>rnntui/plugins</c> under it.</summary>
    public string UserData { get; }

    /// <summary>The environment every command of these tests runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A new folder for one test's work, deleted with the fixture.</summary>
    public string Folder(string name)
    {
        var folder = Path.Combine(_work.Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose() => _work.Dispose();
}
