namespace RnnTui.Cli;

/// <summary>
/// The parsed command line: a command (empty for the interactive trainer), its options and positional arguments.
/// Options take <c>--name value</c> or <c>--name=value</c>; an unknown option or a bad value is a <see cref="UsageException"/>.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(string command, Dictionary<string, string> options, IReadOnlyList<string> arguments)
    {
        Command = command;
        _options = options;
        Arguments = arguments;
    }

    /// <summary>The command: <c>train</c>, <c>gradcheck</c>, <c>plugins</c>... or empty for the interactive trainer.</summary>
    public string Command { get; }

    /// <summary>The positional arguments after the command.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The options given, by name without dashes; a flag's value is <c>true</c>.</summary>
    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>Whether a flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The value given for an option, or null.</summary>
    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>Parses the arguments against the commands and options that <see cref="Commands"/> defines.</summary>
    /// <exception cref="UsageException">An unknown command or option, a missing or bad value.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var command = "";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var arguments = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "-h")
            {
                arg = "--help";
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (command.Length == 0 && arguments.Count == 0 && !arg.StartsWith('-'))
                {
                    command = Commands.Find(arg)?.Name ?? throw new UsageException($"unknown command '{arg}' (try rnntui --help)");
                }
                else if (arg.StartsWith('-') && arg.Length > 1)
                {
                    throw new UsageException($"unknown option '{arg}' (try rnntui --help)");
                }
                else
                {
                    arguments.Add(arg);
                }

                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            var spec = Commands.FindOption(name) ?? throw new UsageException($"unknown option '--{name}' (try rnntui --help)");
            string value;
            if (spec.Value == OptionValue.Flag)
            {
                if (equals > 0)
                {
                    throw new UsageException($"--{name} takes no value");
                }

                value = "true";
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value ({spec.ValueName})");
            }

            if (options.ContainsKey(name))
            {
                throw new UsageException($"--{name} given twice");
            }

            options[name] = spec.Validate(value);
        }

        var info = Commands.Find(command)!;
        foreach (var name in options.Keys)
        {
            if (name != "help" && !info.Accepts(name))
            {
                throw new UsageException($"option --{name} does not apply to {(command.Length == 0 ? "rnntui" : $"rnntui {command}")}");
            }
        }

        if (arguments.Count > info.MaxArguments)
        {
            throw new UsageException($"unexpected argument '{arguments[info.MaxArguments]}' (try rnntui --help)");
        }

        return new CommandLine(command, options, arguments);
    }
}
