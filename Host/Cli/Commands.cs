namespace RnnTui.Cli;

/// <summary>A command and the options it accepts.</summary>
/// <param name="Name">The command word; empty for the interactive trainer.</param>
/// <param name="Summary">One line for the help text.</param>
/// <param name="Options">The option names it accepts.</param>
/// <param name="MaxArguments">How many positional arguments it takes.</param>
/// <param name="ArgumentsHelp">How help shows its positional arguments.</param>
internal sealed record CommandInfo(string Name, string Summary, IReadOnlySet<string> Options, int MaxArguments = 0, string ArgumentsHelp = "")
{
    public bool Accepts(string option) => Options.Contains(option);
}

/// <summary>Every command and option of rnntui, in one table that parsing, settings and help all read.</summary>
internal static class Commands
{
    /// <summary>Placeholder in a configuration key for the selected optimizer's name.</summary>
    public const string OptimizerToken = "{optimizer}";

    /// <summary>Placeholder in a configuration key for the selected corpus plugin's name.</summary>
    public const string CorpusToken = "{corpus}";

    public static readonly IReadOnlyList<OptionSpec> AllOptions =
    [
        new("corpus", OptionValue.Path, "PATH", "train on this text file", $"Settings:{CorpusToken}:path"),
        new("optimizer", OptionValue.Text, "NAME", "optimizer plugin (adagrad, sgd, ...)", "Plugins:Optimizer"),
        new("backend", OptionValue.Text, "NAME", "compute backend plugin (managed, ...)", "Plugins:Backend"),
        new("eta", OptionValue.PositiveNumber, "X", "learning rate of the optimizer", $"Settings:{OptimizerToken}:eta"),
        new("hidden", OptionValue.PositiveInteger, "M", "hidden units m", "Model:Hidden"),
        new("seq-length", OptionValue.PositiveInteger, "N", "characters per training sequence", "Model:SeqLength"),
        new("sigma", OptionValue.PositiveNumber, "S", "standard deviation of the initial weights", "Model:Sigma"),
        new("seed", OptionValue.NonNegativeInteger, "N", "random seed of the initial weights and the samples", "Model:Seed"),
        new("clip", OptionValue.PositiveNumber, "C", "clamp every gradient element to [-C, C]", "Training:Clip"),
        new("steps", OptionValue.NonNegativeInteger, "N", "stop after N updates (0: no limit)", "Training:Steps"),
        new("epochs", OptionValue.NonNegativeInteger, "N", "stop after N passes over the text (0: no limit)", "Training:Epochs"),
        new("progress-interval", OptionValue.PositiveInteger, "N", "report progress every N updates", "Training:ProgressInterval"),
        new("sample-interval", OptionValue.PositiveInteger, "N", "synthesize a sample every N updates", "Training:SampleInterval"),
        new("sample-length", OptionValue.PositiveInteger, "N", "characters per sample", "Training:SampleLength"),
        new("temperature", OptionValue.PositiveNumber, "T", "sampling temperature", "Training:Temperature"),
        new("config", OptionValue.Path, "FILE", "read settings from FILE instead of plugins.json"),
        new("headless", OptionValue.Flag, "", "train without the interactive UI, printing progress lines"),
        new("metrics", OptionValue.Path, "FILE", "write progress to FILE (.csv for CSV, else JSON lines)"),
        new("raw", OptionValue.Flag, "", "print model text raw even to a terminal (control characters are shown as symbols otherwise)"),
        new("run", OptionValue.Text, "NAME", "name the new run's folder (default: the time it starts)"),
        new("runs-dir", OptionValue.Path, "DIR", "keep runs in DIR (default: runs/ under the current folder)", "Runs:Directory"),
        new("resume", OptionValue.Text, "RUN", "continue a run from its latest checkpoint (name, folder or checkpoint file)"),
        new("best", OptionValue.Flag, "", "sample from the parameters that reached the lowest smooth loss"),
        new("length", OptionValue.PositiveInteger, "N", "characters to generate (default 1000)"),
        new("top-k", OptionValue.NonNegativeInteger, "K", "draw only from the K most likely characters (0: all)"),
        new("top-p", OptionValue.Probability, "P", "draw only from the likeliest characters whose probabilities add up to P"),
        new("prime", OptionValue.Text, "TEXT", "feed TEXT to the network first and continue it"),
        new("threshold", OptionValue.PositiveNumber, "X", "largest maximum relative error that passes", "GradientCheck:Threshold"),
        new("elements", OptionValue.NonNegativeInteger, "N", "check at most N elements per parameter (0: all)", "GradientCheck:MaxElements"),
        new("warmup", OptionValue.NonNegativeInteger, "N", "bench: untimed updates before timing (default 500)"),
        new("json", OptionValue.Flag, "", "bench: print the results as a JSON array"),
        new("help", OptionValue.Flag, "", "show this help"),
        new("version", OptionValue.Flag, "", "show the version"),
    ];

    private static readonly string[] ModelOptions =
        ["corpus", "optimizer", "backend", "eta", "hidden", "seq-length", "sigma", "seed", "clip", "steps", "epochs",
         "progress-interval", "sample-interval", "sample-length", "temperature", "config"];

    public static readonly IReadOnlyList<CommandInfo> All =
    [
        new("", "open the interactive trainer (the default)", Set(ModelOptions, "headless", "metrics", "raw", "version", "run", "runs-dir", "resume")),
        new("train", "train in a run folder; with --headless, print progress lines instead of the UI", Set(ModelOptions, "headless", "metrics", "raw", "run", "runs-dir", "resume")),
        new("gradcheck", "compare analytic and numerical gradients (report tables 1-3)", Set(ModelOptions, "threshold", "elements")),
        new("bench", "time the training loop of every backend (default 5,000 updates)", Set(ModelOptions, "warmup", "json")),
        new("sample", "stream text generated by a run's network", Set(["best", "length", "temperature", "top-k", "top-p", "prime", "seed", "backend", "runs-dir", "config", "raw"]), 1, "RUN"),
        new("report", "write report.md in a run's folder: gradient check, loss graph, samples, best passage", Set(["runs-dir", "config"]), 1, "RUN"),
        new("runs", "list the runs with update step, lowest smooth loss and last activity", Set(["runs-dir", "config"])),
        new("plugins", "list the plugins found, with kind, name, version and path", Set(["config"])),
        new("help", "show this help", Set([])),
    ];

    public static CommandInfo? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public static OptionSpec? FindOption(string name) => AllOptions.FirstOrDefault(o => o.Name == name);

    /// <summary>The help text: usage, commands and options.</summary>
    public static string Help()
    {
        var lines = new List<string>
        {
            "rnntui: train character-level recurrent networks in the terminal",
            "",
            "usage: rnntui [COMMAND] [OPTIONS]",
            "",
            "commands:",
        };
        foreach (var command in All)
        {
            var name = command.Name.Length == 0 ? "(none)" : $"{command.Name} {command.ArgumentsHelp}".TrimEnd();
            lines.Add($"  {name,-14}{command.Summary}");
        }

        lines.Add("");
        lines.Add("options (settings default to plugins.json beside rnntui):");
        foreach (var option in AllOptions)
        {
            var left = option.Value == OptionValue.Flag ? $"--{option.Name}" : $"--{option.Name} {option.ValueName}";
            lines.Add($"  {left,-24}{option.Help}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static HashSet<string> Set(IEnumerable<string> names, params string[] more) => [.. names, .. more];
}
