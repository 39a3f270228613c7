using System.Diagnostics;
using RnnTui.Contracts;
using RnnTui.Plugins;
using RnnTui.Settings;

namespace RnnTui.Tests.Plugins;

public sealed class PluginCatalogTests
{
    /// <summary>The plugins that ship in Plugins/ beside rnntui.</summary>
    private static readonly string[] BuiltIn = ["adagrad", "adam", "rmsprop", "sgd", "managed", "simd", "textfile", "gru", "lstm"];

    /// <summary>Those and the model rnn, which is part of rnntui itself.</summary>
    private static readonly string[] Everything = [.. BuiltIn, "rnn"];

    [Fact]
    public void Discover_BuiltPluginsFolder_FindsEveryPluginInAFolderOfItsOwn()
    {
        var catalog = PluginCatalog.Discover([], new HashSet<string>());

        Assert.Empty(catalog.Problems);
        foreach (var name in BuiltIn)
        {
            var plugin = Assert.Single(catalog.Plugins, p => p.Name == name);
            var folder = Path.GetFileName(Path.GetDirectoryName(plugin.AssemblyPath));
            Assert.Equal(Path.Combine(PluginCatalog.DefaultRoot, folder!, folder + ".dll"), plugin.AssemblyPath);
            Assert.Equal("0.1.0", plugin.Version);
            Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
        }

        Assert.Equal(PluginKind.Optimizer, catalog.Get<IOptimizerProvider>("adagrad").Kind);
        Assert.Equal(PluginKind.Backend, catalog.Get<IComputeBackend>("managed").Kind);
        Assert.Equal(PluginKind.Corpus, catalog.Get<ICorpusSource>("textfile").Kind);
    }

    [Fact]
    public void BuiltPlugins_CarryNoCopyOfContracts()
    {
        var copies = Directory.EnumerateFiles(PluginCatalog.DefaultRoot, "RnnTui.Contracts.dll", SearchOption.AllDirectories);

        Assert.Empty(copies);
        Assert.True(File.Exists(Path.Combine(PluginCatalog.DefaultRoot, "Backends.Managed", "MathNet.Numerics.dll")), "a plugin's own dependency travels with it");
    }

    [Fact]
    public void Discover_BrokenAndStrayFiles_ReportedWithReasonsAndTheRestLoads()
    {
        using var root = TestData.TempFolder();
        root.File("Broken/Broken.dll", [0x4D, 0x5A, 1, 2, 3, 4, 5, 6, 7, 8]);
        root.File("Garbage/Garbage.dll", "this is not a DLL at all");
        root.File("Empty/readme.txt", "no dll here");
        root.File("Stray.dll", "loose in the root");

        var catalog = PluginCatalog.Discover([root.Path], new HashSet<string>());

        Assert.Equal(Everything.Order(), catalog.Plugins.Select(p => p.Name).Order());
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("Broken.dll", StringComparison.Ordinal) && p.Reason == "not a .NET assembly");
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("Garbage.dll", StringComparison.Ordinal) && p.Reason == "not a .NET assembly");
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("Empty", StringComparison.Ordinal) && p.Reason == "no Empty.dll in the folder");
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("Stray.dll", StringComparison.Ordinal) && p.Reason.StartsWith("a plugin must be in a folder of its own", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_MissingExtraFolder_Reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "rnntui-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var catalog = PluginCatalog.Discover([missing], new HashSet<string>());

        Assert.Contains(catalog.Problems, p => p.Path == missing && p.Reason == "plugin folder not found");
        Assert.Equal(Everything.Length, catalog.Plugins.Count);
    }

    [Fact]
    public void Discover_DisabledByName_LeftOutAndSaidSo()
    {
        var catalog = PluginCatalog.Discover([], new HashSet<string>(["sgd"], StringComparer.OrdinalIgnoreCase));

        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "sgd");
        Assert.Contains(catalog.Disabled, d => d.Plugins.Single().Name == "sgd" && d.Reason == "disabled by Plugins:Disabled");
        var error = Assert.Throws<UsageException>(() => catalog.Get<IOptimizerProvider>("sgd"));
        Assert.Equal("unknown optimizer 'sgd' (disabled by Plugins:Disabled); available: adagrad, adam, rmsprop", error.Message);
    }

    [Fact]
    public void Get_UnknownName_ListsTheAvailableOnes()
    {
        var error = Assert.Throws<UsageException>(() => Catalog.Instance.Get<IOptimizerProvider>("lion"));

        Assert.Equal("unknown optimizer 'lion'; available: adagrad, adam, rmsprop, sgd", error.Message);
    }

    [Fact]
    public void DropInPlugin_BuiltOutsideTheSolutionAgainstContractsAlone_IsFoundAndUsable()
    {
        using var work = TestData.TempFolder();
        var contracts = typeof(IOptimizerProvider).Assembly.Location;
        work.File("src/HalfStep.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDynamicLoading>true</EnableDynamicLoading>
                <Version>3.2.1</Version>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="RnnTui.Contracts">
                  <HintPath>{contracts}</HintPath>
                  <Private>false</Private>
                </Reference>
              </ItemGroup>
            </Project>
            """);
        work.File("src/HalfStep.cs", """
            using RnnTui.Contracts;

            namespace Outside;

            [Plugin("halfstep", "Moves every parameter half way against its gradient")]
            public sealed class HalfStepProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) => new HalfStep(settings.GetPositiveDouble("eta", 0.5));
            }

            public sealed class HalfStep(double eta) : IOptimizer
            {
                public string Description => $"eta={eta}";
                public IReadOnlyList<OptimizerBuffer> State => [];
                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                {
                    for (var i = 0; i < parameters.Length; i++) { parameters[i] -= eta * gradients[i]; }
                }
            }
            """);
        var output = Path.Combine(work.Path, "Plugins", "HalfStep");
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(work.Path, "src", "HalfStep.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, log);
        Assert.False(File.Exists(Path.Combine(output, "RnnTui.Contracts.dll")), "the drop-in carries no Contracts copy");

        var catalog = PluginCatalog.Discover([Path.Combine(work.Path, "Plugins")], new HashSet<string>());

        var plugin = catalog.Get<IOptimizerProvider>("halfstep");
        Assert.Equal("3.2.1", plugin.Version);
        Assert.Equal(Path.Combine(output, "HalfStep.dll"), plugin.AssemblyPath);
        var optimizer = plugin.Instance.Create(2, new PluginSettings([KeyValuePair.Create("eta", "0.25")]));
        double[] parameters = [1.0, 2.0];
        optimizer.Step(parameters, [4.0, -4.0]);
        Assert.Equal([0.0, 3.0], parameters);
        Assert.Equal(Everything.Length + 1, catalog.Plugins.Count);
    }
}
