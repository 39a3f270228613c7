using System.CommandLine;
using RnnTui.Settings;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui completion bash|zsh</c>: prints a script that completes rnntui's commands and options in the shell, by
/// asking rnntui itself through System.CommandLine's <c>[suggest]</c> directive, so it always matches the installed
/// rnntui and its plugins. Load it with <c>source &lt;(rnntui completion bash)</c>.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("completion", "print a shell completion script: source <(rnntui completion bash)");
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh", Arity = ArgumentArity.ExactlyOne };
        shell.CompletionSources.Add(_ => ["bash", "zsh"]);
        command.Add(shell);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(shell);
            context.Console.Out.Write(name switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => throw new UsageException($"completion for '{name}' is not available; choose bash or zsh"),
            });
            return RnnTuiApp.Ok;
        });
        return command;
    }

    private const string Bash = """
        # rnntui completion for bash: source <(rnntui completion bash)
        _rnntui_complete() {
            local IFS=$'\n'
            local suggestions
            suggestions=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return
            COMPREPLY=( $(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _rnntui_complete rnntui

        """;

    private const string Zsh = """
        # rnntui completion for zsh: source <(rnntui completion zsh)
        _rnntui_complete() {
            local -a suggestions
            suggestions=("${(@f)$(${words[1]} "[suggest:${#BUFFER[1,CURSOR]}]" "${BUFFER}" 2>/dev/null)}")
            compadd -- $suggestions
        }
        compdef _rnntui_complete rnntui

        """;
}
