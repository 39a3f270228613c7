namespace RnnTui.Tests.Templates;

/// <summary>
/// A plugin author's ten minutes, for real and offline: each template instantiated from the packed template package,
/// its tests run (they call rnntui's conformance check), the plugin installed into the user plugin folder with the
/// generated project's Install target, checked with <c>rnntui plugins check</c> and used for training (a model on the
/// backend its kernel is for, as its README says).
/// </summary>
public sealed class TemplateTests(TemplatePackages packages) : IClassFixture<TemplatePackages>
{
    private static string RnnTui => Path.Combine(AppContext.BaseDirectory, "rnntui.dll");

    [Theory]
    [InlineData("rnntui-optimizer", "Lion", "--optimizer", "")]
    [InlineData("rnntui-backend", "Loops", "--backend", "")]
    [InlineData("rnntui-corpus", "Lowered", "--corpus-plugin", "")]
    [InlineData("rnntui-model", "Elman", "--model", "--backend managed")]
    public void Template_BuildsPassesItsTestsInstallsChecksAndTrains(string template, string name, string option, string more)
    {
        var work = packages.Folder(name);
        var project = Path.Combine(work, name);
        var environment = packages.Environment;

        ToolProcess.RunOk(work, environment, "dotnet", "new", template, "-n", name, "-o", project, "--packages", packages.Packages, "--debug:custom-hive", packages.Hive);
        var tests = ToolProcess.RunOk(project, environment, "dotnet", "test", "-nologo");
        Assert.Contains("Passed!", tests);

        var install = ToolProcess.RunOk(project, environment, "dotnet", "build", "-c", "Release", "-t:Install", name, $"-p:RnnTui=dotnet {RnnTui}", "-nologo");
        var plugin = name.ToLowerInvariant();
        var installed = Path.Combine(packages.UserData, "rnntui", "plugins", name, name + ".dll");
        Assert.True(File.Exists(installed), $"not installed at {installed}:\n{install}");
        Assert.DoesNotContain("RnnTui.Contracts.dll", Directory.GetFiles(Path.GetDirectoryName(installed)!).Select(Path.GetFileName));

        var (code, check) = ToolProcess.Run(work, environment, "dotnet", RnnTui, "plugins", "check", plugin);
        Assert.True(code == 0, check);
        Assert.Contains("PASS", check);
        Assert.DoesNotContain("FAIL", check);

        var corpus = Path.Combine(work, "corpus.txt");
        File.WriteAllText(corpus, TestData.SmallCorpus);
        var runs = Path.Combine(work, "runs");
        string[] train = [RnnTui, "train", "--headless", option, plugin, "--corpus", corpus,
            "--steps", "40", "--hidden", "8", "--progress-interval", "20", "--runs-dir", runs, .. more.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        var training = ToolProcess.RunOk(work, environment, "dotnet", train);
        Assert.Contains("step 40", training);
        Assert.Contains(plugin, File.ReadAllText(Directory.GetFiles(runs, "run.json", SearchOption.AllDirectories).Single()));
    }
}
