using System.Runtime.InteropServices;

namespace Agar.Raylib;

/// <summary>
/// Whether a raylib window can open here, asked before raylib tries (raylib 5.0 crashes the process on a
/// failed start instead of reporting it). On Linux raylib's library speaks X11 with OpenGL through GLX:
/// an X display must answer, and it must offer GLX. Windows and macOS always have their own.
/// </summary>
internal static class Glx
{
    /// <summary>Null when a window can open; otherwise why not, in one line.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (Environment.GetEnvironmentVariable("DISPLAY") is not { Length: > 0 })
            return Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 }
                ? "raylib's Linux library speaks X11 only: under Wayland, run it through XWayland with DISPLAY set"
                : "no display (DISPLAY is unset): run under `xvfb-run -a`";
        if (!NativeLibrary.TryLoad("libX11.so.6", out IntPtr x11)) return "libX11 is missing (Debian: sudo apt-get install libx11-6)";
        if (!NativeLibrary.TryLoad("libGL.so.1", out IntPtr gl)) return "OpenGL is missing (Debian: sudo apt-get install libgl1 libgl1-mesa-dri)";
        try
        {
            var open = Marshal.GetDelegateForFunctionPointer<XOpenDisplay>(NativeLibrary.GetExport(x11, "XOpenDisplay"));
            var close = Marshal.GetDelegateForFunctionPointer<XCloseDisplay>(NativeLibrary.GetExport(x11, "XCloseDisplay"));
            var query = Marshal.GetDelegateForFunctionPointer<GlxQueryExtension>(NativeLibrary.GetExport(gl, "glXQueryExtension"));
            IntPtr display = open(IntPtr.Zero);
            if (display == IntPtr.Zero) return $"the X display {Environment.GetEnvironmentVariable("DISPLAY")} does not answer";
            try
            {
                return query(display, out _, out _) != 0 ? null : "the X display offers no OpenGL (GLX); under Xvfb install libgl1-mesa-dri";
            }
            finally { close(display); }
        }
        catch (EntryPointNotFoundException e) { return $"OpenGL or X11 is incomplete here: {e.Message}"; }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr XOpenDisplay(IntPtr name);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int XCloseDisplay(IntPtr display);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int GlxQueryExtension(IntPtr display, out int errorBase, out int eventBase);
}
