namespace Agar;

/// <summary>Whether a window could be shown at all: on Linux that needs an X11 or Wayland display.</summary>
public static class Display
{
    public static bool Available() =>
        !OperatingSystem.IsLinux()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}
