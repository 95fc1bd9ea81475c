using System.Reflection;
using System.Runtime.InteropServices;
using Course.Cli;

namespace Agar.Sdl;

/// <summary>
/// Finds SDL2 on this machine. P/Invoke asks for "SDL2"; each OS names the file differently, and on Linux
/// the development symlink (libSDL2.so) is usually absent, only the versioned runtime file is there. A
/// resolver maps the name to the right file, and a missing library becomes one line that says what to
/// install instead of a DllNotFoundException's stack trace.
/// </summary>
public static class SdlLibrary
{
    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static bool _resolverSet;

    /// <summary>File names to try on this OS, most specific first.</summary>
    public static string[] Candidates() =>
        OperatingSystem.IsWindows() ? ["SDL2.dll"]
        : OperatingSystem.IsMacOS() ? ["libSDL2-2.0.0.dylib", "libSDL2.dylib", "/opt/homebrew/lib/libSDL2-2.0.0.dylib", "/usr/local/lib/libSDL2-2.0.0.dylib"]
        : ["libSDL2-2.0.so.0", "libSDL2.so"];

    /// <summary>The command that installs SDL2 on this OS.</summary>
    public static string InstallHint() =>
        OperatingSystem.IsWindows() ? "put SDL2.dll from an SDL 2 release (github.com/libsdl-org/SDL/releases) next to agar.exe"
        : OperatingSystem.IsMacOS() ? "brew install sdl2"
        : "sudo apt-get install -y libsdl2-2.0-0 (Debian/Ubuntu; Fedora: sudo dnf install SDL2)";

    /// <summary>True if SDL2 can be loaded; never throws.</summary>
    public static bool TryLoad()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return true;
            foreach (string name in Candidates())
                if (NativeLibrary.TryLoad(name, typeof(SdlLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out _handle))
                    break;
            if (_handle == IntPtr.Zero) return false;
            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(SdlLibrary).Assembly, Resolve);
                _resolverSet = true;
            }
            return true;
        }
    }

    /// <summary>Loads SDL2 or throws a <see cref="UserError"/> whose one line says how to install it.</summary>
    public static void Load()
    {
        if (!TryLoad())
            throw new UserError($"SDL2 is not installed (looked for {string.Join(", ", Candidates())}); install it with: {InstallHint()}");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == "SDL2" ? _handle : IntPtr.Zero;   // zero: let .NET resolve every other library as usual
}
