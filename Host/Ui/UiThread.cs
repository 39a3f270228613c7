using Microsoft.Extensions.Logging;
using Terminal.Gui.App;

namespace RnnTui.Ui;

/// <summary>
/// The only way background work reaches the UI: an action posted through the application's own Invoke, and only
/// while the application is still running (a result that arrives after the window closed is dropped).
/// </summary>
internal sealed class UiThread(IApplication app, ILogger log)
{
    private volatile bool _closed;

    public IApplication App => app;

    public bool IsRunning => !_closed && app.Initialized;

    /// <summary>Marks the UI closed: later posts are dropped.</summary>
    public void Close() => _closed = true;

    /// <summary>Runs an action on the UI thread, if the UI still runs.</summary>
    public void Post(Action action)
    {
        if (!IsRunning)
        {
            return;
        }

        try
        {
            app.Invoke(() =>
            {
                if (IsRunning)
                {
                    action();
                }
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The application shut down between the check and the call (NotInitializedException is an InvalidOperationException).
            log.LogInformation("dropped a late update: {Reason}", e.Message);
        }
    }

    /// <summary>Posts the outcome of a task: its result, or its error, when it completes.</summary>
    public void When<T>(Task<T> task, Action<T> onResult, Action<Exception> onError)
    {
        task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    Post(() => onResult(t.Result));
                }
                else
                {
                    var error = t.Exception?.GetBaseException() ?? new OperationCanceledException();
                    log.LogError(error, "background work failed");
                    Post(() => onError(error));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
