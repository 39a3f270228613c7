using RnnTui.Cli;

return App.Run(args, CommandConsole.System);
