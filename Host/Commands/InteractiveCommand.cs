using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RnnTui.Runs;
using RnnTui.Settings;
using RnnTui.Text;
using RnnTui.Training;
using RnnTui.Ui;
using Terminal.Gui.App;

namespace RnnTui.Commands;

/// <summary>
/// <c>rnntui</c> and <c>rnntui train</c> without <c>--headless</c>: the interactive trainer, in a run folder like
/// headless training. The run is opened (by the training service, as the host starts) before the terminal is taken
/// over, so a bad option is reported as a plain line; the terminal is restored before the closing summary is
/// printed. Quitting, SIGTERM and SIGHUP (a dropped SSH session) all stop training cleanly, which writes the final
/// checkpoint. When the run's training had stopped on a fault (divergence, a failing plugin, an exception on its
/// thread), the reason is repeated on standard error and the exit code is 1, as in headless training.
/// </summary>
internal static class InteractiveCommand
{
    /// <summary>How long the UI has to close after SIGTERM or SIGHUP, once the run is saved, before the process ends anyway.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long training waits for the UI's first frame before it starts anyway: until then the two would share the
    /// CPU (two cores are common on the servers rnntui runs on over SSH) and the first frame would come later.
    /// </summary>
    private static readonly TimeSpan FirstFrameWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether these arguments may open the interactive trainer, before they are parsed: none, the root's options, or
    /// <c>train</c>, without <c>--headless</c>, help or version. Only a hint for work worth starting early.
    /// </summary>
    public static bool MayRun(IReadOnlyList<string> args) =>
        (args.Count == 0 || args[0] == "train" || args[0].StartsWith('-'))
        && !args.Any(a => a is "--headless" or "--help" or "-h" or "-?" or "--version");

    public static async Task<int> RunAsync(CommandContext context, SettingsLayers layers, RunRequest request)
    {
        if (Console.IsInputRedirected && Console.IsOutputRedirected)
        {
            throw new UsageException("the interactive trainer needs a terminal; use rnntui train --headless");
        }

        using var host = CommandHost.Build(context, layers, services => services.AddTraining(request));
        var services = host.Services;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("RnnTui.Ui");
        var session = new UiSession(services.GetRequiredService<TrainingService>(), log);
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var signals = services.GetRequiredService<SignalLifetime>();
        var logPath = services.GetRequiredService<AppSettings>().Log.File;
        var training = services.GetRequiredService<TrainingService>();
        training.HoldFirstRun(FirstFrameWait);
        await host.StartAsync(context.CancellationToken).ConfigureAwait(false);
        try
        {
            log.LogInformation("interactive trainer started (TERM={Term}, log {Log})", Environment.GetEnvironmentVariable("TERM"), logPath);
            RunUi(session, lifetime, log, logPath, training.ReleaseFirstRun);
            session.Close();
            if (signals.Received is not null)
            {
                // Whoever sent the signal may have closed the terminal: nothing more is written to it.
                return RnnTuiApp.Ok;
            }

            return Summary(session, context.Console, logPath);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the UI on this thread until it is quit, or the host's lifetime stops (a signal).</summary>
    /// <param name="firstFrameDrawn">Called once, after the first frame is drawn.</param>
    private static void RunUi(UiSession session, IHostApplicationLifetime lifetime, ILogger log, string logPath, Action firstFrameDrawn)
    {
        using var uiEnded = new ManualResetEventSlim();
        UiThread? ui = null;
        var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            // Save first, on this thread: with the terminal gone the UI may never get to draw or stop again.
            session.Close();
            ui?.Post(ui.App.RequestStop);

            // After a hangup, the terminal driver can spin on the closed terminal and never return to its loop (or
            // never finish closing): the run is saved and its files closed, so ending the process loses nothing.
            if (!uiEnded.Wait(ExitGrace))
            {
                log.LogInformation("the UI did not stop within {Seconds} s of the signal; exiting", ExitGrace.TotalSeconds);
                Environment.Exit(RnnTuiApp.Ok);
            }
        });
        try
        {
            using var app = Application.Create();
            ui = new UiThread(app, log);
            app.Init();
            app.Driver!.Force16Colors = true;
            using var window = new MainWindow(app, session, log, logPath);
            app.LayoutAndDrawComplete += OnDrawn;
            void OnDrawn(object? sender, EventArgs e)
            {
                app.LayoutAndDrawComplete -= OnDrawn;
                firstFrameDrawn();
            }

            app.Run(window, e =>
            {
                // A bug in drawing or a command must not leave the terminal in raw mode: log it and carry on.
                log.LogError(e, "unhandled exception in the UI");
                return true;
            });
            ui.Close();
            window.Detach();
        }
        finally
        {
            // Only once the application is disposed: disposing it can hang on a closed terminal too.
            uiEnded.Set();
        }

        stopping.Dispose();
    }

    private static int Summary(UiSession session, CommandConsole console, string logPath)
    {
        var run = session.Run;
        var latest = run.Trainer.Latest;
        console.Line($"stopped at update step {Format.Count(latest.Step)}; lowest smooth loss {Format.Loss(latest.BestSmoothLoss)} at step {Format.Count(latest.BestStep)}");
        if (File.Exists(run.Folder.LatestPath))
        {
            console.Line($"checkpoint at update step {Format.Count(run.Recorder.LastSavedStep)}: {run.Folder.LatestPath}");
            console.Line($"continue with: rnntui --resume '{run.Folder.Path}'");
        }

        if (run.FinalSaveProblem() is { } unsaved)
        {
            console.Problem(unsaved);
            return RnnTuiApp.Failed;
        }

        if (run.Save.Failure is { } failure)
        {
            console.Problem($"the last save failed: {failure}");
        }

        if (session.Fault is { } fault)
        {
            console.Problem($"training failed: {fault} (details in {logPath})");
            return RnnTuiApp.Failed;
        }

        // Training that stopped by itself on a fault fails the command, as headless training does, with the same line.
        if (latest.Status is TrainerStatus.Diverged or TrainerStatus.Faulted)
        {
            console.Problem(latest.Message ?? "training failed");
            return RnnTuiApp.Failed;
        }

        return RnnTuiApp.Ok;
    }
}
