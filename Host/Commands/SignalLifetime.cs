using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RnnTui.Commands;

/// <summary>
/// The host's lifetime: SIGINT (Ctrl+C), SIGTERM (timeout, systemd, a scheduler) and SIGHUP (a closed terminal or a
/// dropped SSH session) stop the application, so that training saves its final checkpoint and the command exits
/// cleanly. A second Ctrl+C ends the process at once.
/// </summary>
internal sealed class SignalLifetime(IHostApplicationLifetime application, ILogger<SignalLifetime> log) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    /// <summary>The signal that stopped the application, or null.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>The exit code of a command a signal interrupted: 128 plus the signal's number.</summary>
    public int ExitCode => Received switch
    {
        PosixSignal.SIGHUP => 129,
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => 1,
    };

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (Exception e) when (e is PlatformNotSupportedException or IOException)
            {
                log.LogWarning("cannot handle {Signal}: {Reason}", signal, e.Message);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }

    private void OnSignal(PosixSignalContext context)
    {
        var first = Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) == 0;
        if (!first && context.Signal == PosixSignal.SIGINT)
        {
            return;  // a second Ctrl+C: the default action ends the process
        }

        context.Cancel = true;
        log.LogInformation("{Signal} received: stopping", context.Signal.ToString());
        application.StopApplication();
    }
}
