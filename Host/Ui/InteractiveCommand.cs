using RnnTui.Cli;
using RnnTui.Plugins;
using RnnTui.Text;
using Terminal.Gui.App;

namespace RnnTui.Ui;

/// <summary>
/// <c>rnntui</c> and <c>rnntui train</c> without <c>--headless</c>: the interactive trainer. The run is created
/// before the terminal is taken over, so a bad option is reported as a plain line; the terminal is restored before
/// the closing summary is printed.
/// </summary>
internal static class InteractiveCommand
{
    public static int Run(CommandLine commandLine, CommandConsole console, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected && Console.IsOutputRedirected)
        {
            throw new UsageException("the interactive trainer needs a terminal; use rnntui train --headless");
        }

        var settings = SettingsLoader.Load(commandLine);
        var catalog = PluginCatalog.Discover(settings.Plugins);
        using var log = UiLog.Open();
        using var session = new TrainingSession(settings, catalog, log);
        session.Start();
        log.Info($"interactive trainer started (TERM={Environment.GetEnvironmentVariable("TERM")}, log {log.Path})");
        using (var app = Application.Create())
        {
            app.Init();
            app.Driver!.Force16Colors = true;
            using var window = new MainWindow(app, session, log);
            using var cancel = cancellationToken.Register(() => app.Invoke(app.RequestStop));
            app.Run(window, e =>
            {
                // A bug in drawing or a command must not leave the terminal in raw mode: log it and carry on.
                log.Error("unhandled exception in the UI", e);
                return true;
            });
            window.Detach();
        }

        session.Stop();
        var latest = session.Trainer.Latest;
        console.Out.WriteLine($"stopped at update step {Format.Count(latest.Step)}; lowest smooth loss {Format.Loss(latest.BestSmoothLoss)} at step {Format.Count(latest.BestStep)}");
        if (session.Fault is { } fault)
        {
            console.Error.WriteLine($"rnntui: training failed: {fault} (details in {log.Path ?? "no log"})");
            return App.Failed;
        }

        return App.Ok;
    }
}
