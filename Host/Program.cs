using RnnTui.Commands;

return await RnnTuiApp.RunAsync(args, CommandConsole.System);
