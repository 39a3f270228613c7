using RnnTui.Tests.Plugins;

namespace RnnTui.Tests.Training;

/// <summary>
/// Builds, outside the solution as a third party would, "unsteady": SGD with momentum (a state buffer) whose
/// <c>Step</c> throws once, half-way through updating the parameters and its state, at the call number its setting
/// <c>failAtCall</c> names, when the file its setting <c>trigger</c> names exists (the file is removed, so a resumed
/// run does not fail again). Without the file it is an ordinary, deterministic optimizer. "unsteadyranges" is the same
/// optimizer stepping ranges (<c>IRangeOptimizer</c>), which throws in the range that does not start at 0: on a
/// batch's worker thread.
/// </summary>
public sealed class UnsteadyOptimizerBuild : IDisposable
{
    private readonly TempFolder _work = TestData.TempFolder();

    public UnsteadyOptimizerBuild()
    {
        Root = Path.Combine(_work.Path, "Plugins");
        _work.File("unsteady/Unsteady.csproj", PluginProject.Csproj(PluginProject.ContractsReference));
        _work.File("unsteady/Unsteady.cs", """
            using RnnTui.Contracts;

            namespace Unsteady;

            [Plugin("unsteady", "SGD with momentum whose Step throws once, half-way, when told to")]
            public sealed class UnsteadyProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) =>
                    new UnsteadyOptimizer(parameterCount, settings.GetString("trigger") ?? "", (int)settings.GetDouble("failAtCall", 0));
            }

            public sealed class UnsteadyOptimizer(int count, string trigger, int failAtCall) : IOptimizer
            {
                private readonly double[] _velocity = new double[count];
                private int _calls;

                public string Description => $"eta=0.05, momentum=0.5, failAtCall={failAtCall}";

                public IReadOnlyList<OptimizerBuffer> State => [new OptimizerBuffer("velocity", _velocity)];

                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
                {
                    var fail = ++_calls == failAtCall && trigger.Length > 0 && File.Exists(trigger);
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (fail && i == parameters.Length / 2)
                        {
                            File.Delete(trigger);
                            throw new IOException("the disk under the optimizer is gone");
                        }

                        _velocity[i] = (0.5 * _velocity[i]) + gradients[i];
                        parameters[i] -= 0.05 * _velocity[i];
                    }
                }
            }

            [Plugin("unsteadyranges", "SGD with momentum stepping ranges, throwing once half-way through a range not at 0")]
            public sealed class UnsteadyRangesProvider : IOptimizerProvider
            {
                public IOptimizer Create(int parameterCount, PluginSettings settings) =>
                    new UnsteadyRangeOptimizer(parameterCount, settings.GetString("trigger") ?? "", (int)settings.GetDouble("failAtCall", 0));
            }

            public sealed class UnsteadyRangeOptimizer(int count, string trigger, int failAtCall) : IRangeOptimizer
            {
                private readonly double[] _velocity = new double[count];
                private int _calls;

                public string Description => $"eta=0.05, momentum=0.5, failAtCall={failAtCall}";

                public IReadOnlyList<OptimizerBuffer> State => [new OptimizerBuffer("velocity", _velocity)];

                public void Step(Span<double> parameters, ReadOnlySpan<double> gradients) => Step(parameters, parameters, gradients, double.PositiveInfinity);

                public void Step(ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
                {
                    BeginStep();
                    StepRange(0, parameters, updated, gradients, clip);
                }

                public void BeginStep() => _calls++;

                public void StepRange(int offset, ReadOnlySpan<double> parameters, Span<double> updated, ReadOnlySpan<double> gradients, double clip)
                {
                    var fail = _calls == failAtCall && offset > 0 && trigger.Length > 0 && File.Exists(trigger);
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (fail && i == parameters.Length / 2)
                        {
                            File.Delete(trigger);
                            throw new IOException("the disk under the optimizer is gone");
                        }

                        _velocity[offset + i] = (0.5 * _velocity[offset + i]) + Math.Clamp(gradients[i], -clip, clip);
                        updated[i] = parameters[i] - (0.05 * _velocity[offset + i]);
                    }
                }
            }
            """);
        PluginProject.Build(Path.Combine(_work.Path, "unsteady", "Unsteady.csproj"), Path.Combine(Root, "Unsteady"));
    }

    /// <summary>The plugin folder to list in Plugins:Folders.</summary>
    public string Root { get; }

    /// <summary>A settings file selecting the optimizer, with its trigger file and the call to fail at.</summary>
    internal string Config(TempFolder folder, string trigger, int failAtCall)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugins.json"))
            .Replace("\"corpora/lanterns.txt\"", $"\"{Path.Combine(AppContext.BaseDirectory, "corpora", "lanterns.txt")}\"", StringComparison.Ordinal)
            .Replace("\"Folders\": []", $"\"Folders\": [\"{Root}\"]", StringComparison.Ordinal)
            .Replace("\"sgd\": {", $"\"unsteady\": {{ \"trigger\": \"{trigger}\", \"failAtCall\": {failAtCall} }}, \"unsteadyranges\": {{ \"trigger\": \"{trigger}\", \"failAtCall\": {failAtCall} }}, \"sgd\": {{", StringComparison.Ordinal);
        return folder.File($"unsteady-{failAtCall}.json", json);
    }

    public void Dispose() => _work.Dispose();
}
