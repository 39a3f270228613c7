using System.Runtime.InteropServices;
using RnnTui.Cli;
using RnnTui.Text;
using Terminal.Gui.App;

namespace RnnTui.Ui;

/// <summary>
/// <c>rnntui</c> and <c>rnntui train</c> without <c>--headless</c>: the interactive trainer, in a run folder like
/// headless training (<c>--run NAME</c>, <c>--runs-dir DIR</c>, <c>--resume RUN</c>). The run is created before the
/// terminal is taken over, so a bad option is reported as a plain line; the terminal is restored before the closing
/// summary is printed. Quitting, SIGTERM and SIGHUP (a dropped SSH session) all stop training cleanly, which writes
/// the final checkpoint.
/// </summary>
internal static class InteractiveCommand
{
    /// <summary>How long the UI has to close after SIGTERM or SIGHUP, once the run is saved, before the process ends anyway.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(3);

    public static int Run(CommandLine commandLine, CommandConsole console, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected && Console.IsOutputRedirected)
        {
            throw new UsageException("the interactive trainer needs a terminal; use rnntui train --headless");
        }

        using var log = UiLog.Open();
        using var session = TrainingSession.FromCommandLine(commandLine, log, cancellationToken);
        session.Start();
        log.Info($"interactive trainer started (TERM={Environment.GetEnvironmentVariable("TERM")}, log {log.Path})");
        var signalled = false;
        using var uiEnded = new ManualResetEventSlim();
        using (var app = Application.Create())
        {
            var ui = new UiThread(app, log);
            void OnSignal(PosixSignalContext context)
            {
                // Save first, on this thread: with the terminal gone the UI may never get to draw or stop again.
                context.Cancel = true;
                signalled = true;
                log.Info($"{context.Signal} received: stopping and saving");
                session.Close();
                ui.Post(app.RequestStop);

                // After a hangup, the terminal driver can spin on the closed terminal and never return to its loop:
                // the run is saved and its files closed, so ending the process loses nothing.
                if (!uiEnded.Wait(ExitGrace))
                {
                    log.Info($"the UI did not stop within {ExitGrace.TotalSeconds} s after {context.Signal}; exiting");
                    Environment.Exit(App.Ok);
                }
            }

            using var hangup = Register(PosixSignal.SIGHUP, OnSignal, log);
            using var terminate = Register(PosixSignal.SIGTERM, OnSignal, log);
            app.Init();
            app.Driver!.Force16Colors = true;
            using var window = new MainWindow(app, session, log);
            using var cancel = cancellationToken.Register(() => ui.Post(app.RequestStop));
            app.Run(window, e =>
            {
                // A bug in drawing or a command must not leave the terminal in raw mode: log it and carry on.
                log.Error("unhandled exception in the UI", e);
                return true;
            });
            ui.Close();
            window.Detach();
        }

        uiEnded.Set();

        session.Close();
        if (signalled)
        {
            // Whoever sent the signal may have closed the terminal: nothing more is written to it.
            return App.Ok;
        }

        var run = session.Run;
        var latest = session.Trainer.Latest;
        console.Out.WriteLine($"stopped at update step {Format.Count(latest.Step)}; lowest smooth loss {Format.Loss(latest.BestSmoothLoss)} at step {Format.Count(latest.BestStep)}");
        if (File.Exists(run.Folder.LatestPath))
        {
            console.Out.WriteLine($"checkpoint at update step {Format.Count(run.Recorder.LastSavedStep)}: {run.Folder.LatestPath}");
            console.Out.WriteLine($"continue with: rnntui --resume '{run.Folder.Path}'");
        }

        if (session.Save.Failure is { } failure)
        {
            console.Error.WriteLine($"rnntui: the last save failed: {failure}");
        }

        if (session.Fault is { } fault)
        {
            console.Error.WriteLine($"rnntui: training failed: {fault} (details in {log.Path ?? "no log"})");
            return App.Failed;
        }

        return App.Ok;
    }

    private static PosixSignalRegistration? Register(PosixSignal signal, Action<PosixSignalContext> handler, UiLog log)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, handler);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException)
        {
            log.Info($"cannot handle {signal}: {e.Message}");
            return null;
        }
    }
}
