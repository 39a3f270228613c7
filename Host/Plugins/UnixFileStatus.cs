using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RnnTui.Plugins;

/// <summary>
/// The mode and owner of a file or folder, following symbolic links, and the current user, for judging whether a
/// plugin's files can be trusted. .NET reads a file's mode (<see cref="File.GetUnixFileMode(string)"/>) but not its
/// owner, so on Linux both come from <c>statx</c>, whose record has one layout on every architecture (unlike
/// <c>struct stat</c>). Where <c>statx</c> does not exist (macOS, old C libraries), the mode comes from .NET and
/// the owner is unknown.
/// </summary>
internal static class UnixFileStatus
{
    private const int CurrentFolder = -100;     // AT_FDCWD: a relative path starts at the current folder
    private const uint ModeAndOwner = 0x2 | 0x8; // STATX_MODE | STATX_UID
    private const int RecordSize = 256;          // sizeof(struct statx)
    private const int OwnerOffset = 20;          // stx_uid: after stx_mask, stx_blksize, stx_attributes, stx_nlink
    private const int ModeOffset = 28;           // stx_mode: after stx_uid, stx_gid

    private static bool _noStatx;

    /// <summary>The effective user id of this process (0 for root); null where it cannot be asked.</summary>
    public static uint? CurrentUser { get; } = OperatingSystem.IsWindows() ? null : GetEffectiveUserId();

    /// <summary>The mode of <paramref name="path"/>, and its owner's user id when it can be told.</summary>
    /// <exception cref="IOException">The path cannot be examined.</exception>
    [UnsupportedOSPlatform("windows")]
    public static (UnixFileMode Mode, uint? Owner) Of(string path)
    {
        if (!_noStatx)
        {
            try
            {
                var record = new byte[RecordSize];
                if (Statx(CurrentFolder, path, 0, ModeAndOwner, record) == 0)
                {
                    var owner = BitConverter.ToUInt32(record, OwnerOffset);
                    var mode = (UnixFileMode)(BitConverter.ToUInt16(record, ModeOffset) & 0xFFF);
                    return (mode, owner);
                }

                throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
            catch (EntryPointNotFoundException)
            {
                _noStatx = true;
            }
        }

        return (File.GetUnixFileMode(path), null);
    }

    /// <summary>The path with every symbolic link in it resolved (<c>realpath</c>), or its full path when that fails.</summary>
    public static string RealPath(string path)
    {
        try
        {
            var resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return Path.GetFullPath(path);
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? Path.GetFullPath(path);
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return Path.GetFullPath(path);
        }
    }

    private static uint? GetEffectiveUserId()
    {
        try
        {
            return GetEffectiveUserIdNative();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport, whose generated marshalling needs unsafe code in the project; these
    // signatures marshal without it (a byte array is pinned, a string converted to UTF-8).
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] record);

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserIdNative();
}
