using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RnnTui.Commands;
using RnnTui.Contracts;
using RnnTui.Runs;
using RnnTui.Ui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace RnnTui.Tests.Ui;

/// <summary>
/// The interactive trainer on Terminal.Gui's in-memory driver: a real training thread on a small corpus, keys
/// injected, timers run and the screen read back as text. The test thread is the UI thread.
/// </summary>
internal sealed class UiHarness : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();
    private readonly IApplication _app;
    private readonly SessionToken _token;
    private readonly IHost _host;

    /// <summary>Starts a run in a temporary runs folder (or <paramref name="runsDirectory"/>, e.g. to resume one).</summary>
    /// <param name="trainFirst">
    /// Opens the window only once training has made its first update, and draws its first frame before any timer runs,
    /// as a terminal does: the first sample is waiting for that frame.
    /// </param>
    public UiHarness(int width, int height, string? corpus = null, string[]? options = null, string? runsDirectory = null, Func<IRnnKernel, IRnnKernel>? wrapKernel = null, bool trainFirst = false)
    {
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        var path = _folder.File("corpus.txt", corpus ?? TestData.SmallCorpus);
        RunsDirectory = runsDirectory ?? Path.Combine(_folder.Path, "runs");
        string[] args = ["--corpus", path, "--hidden", "16", "--seed", "1", "--runs-dir", RunsDirectory, .. options ?? []];
        _host = TrainCommand.CreateHost(args, new CommandConsole(TextWriter.Null, TextWriter.Null, IsTerminal: false));
        _host.Services.GetRequiredService<RunLauncher>().WrapKernel = wrapKernel;
        Log = _host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RnnTui.Ui");
        Session = new UiSession(_host.Services.GetRequiredService<TrainingService>(), Log);
        _host.StartAsync().GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        while (trainFirst && Session.Trainer.Latest.Step == 0)
        {
            Assert.True(clock.Elapsed.TotalSeconds < 10, "training did not make its first update");
            Thread.Sleep(10);
        }

        _app = Application.Create();
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(width, height);
        Window = new MainWindow(_app, Session, Log, LogPath);
        _token = _app.Begin(Window)!;
        if (trainFirst)
        {
            _app.LayoutAndDraw(true);
        }
        else
        {
            Pump();
        }
    }

    public UiSession Session { get; }

    /// <summary>The runs folder the session keeps its runs in.</summary>
    public string RunsDirectory { get; }

    public MainWindow Window { get; }

    public ILogger Log { get; }

    /// <summary>The log file the tests write (under the test run's state folder).</summary>
    public static string LogPath => RnnTui.Settings.LogSettings.DefaultPath;

    /// <summary>The screen as text, one line per row.</summary>
    public string Screen => _app.Driver!.ToString()!;

    public void Resize(int width, int height)
    {
        _app.Driver!.SetScreenSize(width, height);
        Pump();
    }

    public void Press(Key key)
    {
        _app.InjectKey(key);
        Pump();
    }

    /// <summary>Types each character as a key.</summary>
    public void Type(string text)
    {
        foreach (var c in text)
        {
            Press(new Key(c));
        }
    }

    /// <summary>Asks the application to stop, as the host does on SIGTERM or a hangup.</summary>
    public void RequestStop() => _app.RequestStop();

    /// <summary>Runs due timers and posted work, lays out and draws.</summary>
    public void Pump()
    {
        _app.TimedEvents!.RunTimers();
        _app.LayoutAndDraw(true);
    }

    /// <summary>Pumps until the condition holds on the screen, or fails after the timeout showing the screen.</summary>
    public string WaitFor(Func<string, bool> condition, string what, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Pump();
            var screen = Screen;
            if (condition(screen))
            {
                return screen;
            }

            if (clock.Elapsed.TotalSeconds > seconds)
            {
                Assert.Fail($"timed out waiting for {what}; the screen:\n{screen}");
            }

            Thread.Sleep(20);
        }
    }

    public string WaitFor(string text, double seconds = 10) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", seconds);

    /// <summary>Pumps until a condition on the harness holds.</summary>
    public void WaitUntil(Func<bool> condition, string what, double seconds = 10) => WaitFor(_ => condition(), what, seconds);

    /// <summary>
    /// Waits for a request to the trainer. The test thread is the UI thread and must stay so, which an await could
    /// change; the trainer's thread is a real one, so waiting cannot deadlock.
    /// </summary>
    public T Await<T>(Task<T> task)
    {
        Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "the training thread did not answer");
        return task.Result;
    }

    public void Dispose()
    {
        Window.Detach();
        _app.End(_token);
        Session.Close();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        Window.Dispose();
        _app.Dispose();
        _folder.Dispose();
    }
}
