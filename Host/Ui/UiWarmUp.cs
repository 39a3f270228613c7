using System.Runtime.CompilerServices;
using Terminal.Gui.App;

namespace RnnTui.Ui;

/// <summary>
/// Runs Terminal.Gui's module initializer on a pool thread while the settings are read, the plugins found and the run
/// opened on the main thread: it builds Terminal.Gui's configuration (themes, schemes and key bindings, read with
/// System.Text.Json) and is a large part of the CPU spent before the first frame. Whichever thread touches
/// Terminal.Gui first runs it; the other waits for it to finish, so starting it early only moves it off the path.
/// </summary>
internal static class UiWarmUp
{
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => Warm(), null);

    private static void Warm()
    {
        try
        {
            RuntimeHelpers.RunModuleConstructor(typeof(IApplication).Module.ModuleHandle);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The UI thread's own first use of Terminal.Gui meets the same failure and reports it; this thread must not
            // end the process over it.
        }
    }
}
