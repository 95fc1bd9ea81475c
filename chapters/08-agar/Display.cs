using Agar.Sdl;
using Course.Cli;

namespace Agar;

/// <summary>Whether a window could be shown at all: on Linux that needs an X11 or Wayland display.</summary>
public static class Display
{
    public static bool Available() =>
        !OperatingSystem.IsLinux()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    /// <summary>The game's SDL window, or one line saying why there can be none.</summary>
    public static SdlWindowView OpenWindow()
    {
        if (!Available())
            throw new UserError("no display (DISPLAY and WAYLAND_DISPLAY are unset): run under `xvfb-run -a`, or use `demo`, which runs headless");
        return new SdlWindowView("Agar (chapter 08)", 1280, 720);
    }
}
