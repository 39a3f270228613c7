using RnnTui.Commands;

StartupTrace.Mark("main");
return await RnnTuiApp.RunAsync(args, CommandConsole.System);
