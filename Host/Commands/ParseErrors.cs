using System.CommandLine;
using System.CommandLine.Parsing;

namespace RnnTui.Commands;

/// <summary>Turns System.CommandLine's parse errors into rnntui's one line naming the problem.</summary>
internal static class ParseErrors
{
    public static string Describe(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var where = command == root ? CommandTree.Name : $"{CommandTree.Name} {command.Name}";
        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-') && token.Length > 1)
            {
                var name = token.Split('=', ':')[0];
                var elsewhere = root.Subcommands.Prepend(root).Any(c => c != command && c.Options.Any(o => o.Name == name));
                return elsewhere ? $"option {name} does not apply to {where}" : $"unknown option '{name}' (try rnntui --help)";
            }

            return command == root && parse.Tokens.Count > 0 && parse.Tokens[0].Value == token
                ? $"unknown command '{token}' (try rnntui --help)"
                : $"unexpected argument '{token}' (try {where} --help)";
        }

        var error = parse.Errors[0];
        if (error.SymbolResult is OptionResult option)
        {
            if (option.Tokens.Count == 0)
            {
                return $"{option.Option.Name} needs a value ({option.Option.HelpName ?? "VALUE"})";
            }

            if (option.Tokens.Count > 1 || option.IdentifierTokenCount > 1)
            {
                return $"{option.Option.Name} given twice";
            }
        }

        return error.Message.ReplaceLineEndings(" ");
    }
}
