using System.Runtime.InteropServices;

namespace Agar.Sdl;

/// <summary>
/// The eighteen SDL2 functions this game needs, declared by hand. A binding package would bring
/// hundreds; these few show what P/Invoke is: a C function's name and signature, and the library
/// ("SDL2") that <see cref="SdlLibrary"/> maps to each OS's file. Every function is C's default calling
/// convention (cdecl); pointers to SDL objects stay opaque IntPtrs.
/// </summary>
internal static class SdlNative
{
    private const string Lib = "SDL2";

    public const uint InitVideo = 0x00000020;
    public const int WindowPosCentered = 0x2FFF0000;
    public const uint WindowShown = 0x00000004;
    public const uint WindowResizable = 0x00000020;
    public const uint RendererPresentVsync = 0x00000004;
    /// <summary>SDL_PIXELFORMAT_ARGB8888: on little-endian machines the bytes are B, G, R, A, Skia's Bgra8888.</summary>
    public const uint PixelFormatArgb8888 = 0x16362004;
    public const int TextureAccessStreaming = 1;

    public const uint EventQuit = 0x100;
    public const uint EventKeyDown = 0x300;
    public const uint EventTextInput = 0x303;
    public const uint EventMouseMotion = 0x400;

    public const int ScancodeRight = 79, ScancodeLeft = 80, ScancodeDown = 81, ScancodeUp = 82, ScancodeEscape = 41;

    /// <summary>
    /// SDL_Event is a 56-byte C union; only the fields read here are declared, at their C offsets
    /// (the event type first; for key events the keysym's scancode; for text input the typed text, up to
    /// 32 bytes of UTF-8 ending in a zero byte).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 56)]
    public struct Event
    {
        [FieldOffset(0)] public uint Type;
        [FieldOffset(16)] public int Scancode;
        [FieldOffset(12)] public TextBytes Text;
    }

    /// <summary>SDL_TextInputEvent's <c>char text[32]</c>, as 32 bytes in place (an inline array: no unsafe code).</summary>
    [System.Runtime.CompilerServices.InlineArray(32)]
    public struct TextBytes
    {
        private byte _first;
    }

    [DllImport(Lib)] public static extern int SDL_Init(uint flags);
    [DllImport(Lib)] public static extern IntPtr SDL_CreateWindow([MarshalAs(UnmanagedType.LPUTF8Str)] string title, int x, int y, int w, int h, uint flags);
    [DllImport(Lib)] public static extern IntPtr SDL_CreateRenderer(IntPtr window, int index, uint flags);
    [DllImport(Lib)] public static extern IntPtr SDL_CreateTexture(IntPtr renderer, uint format, int access, int w, int h);
    [DllImport(Lib)] public static extern int SDL_LockTexture(IntPtr texture, IntPtr rect, out IntPtr pixels, out int pitch);
    [DllImport(Lib)] public static extern void SDL_UnlockTexture(IntPtr texture);
    [DllImport(Lib)] public static extern int SDL_RenderCopy(IntPtr renderer, IntPtr texture, IntPtr source, IntPtr destination);
    [DllImport(Lib)] public static extern void SDL_RenderPresent(IntPtr renderer);
    [DllImport(Lib)] public static extern int SDL_GetRendererOutputSize(IntPtr renderer, out int w, out int h);
    [DllImport(Lib)] public static extern int SDL_PollEvent(out Event e);
    [DllImport(Lib)] public static extern IntPtr SDL_GetKeyboardState(out int count);
    [DllImport(Lib)] public static extern uint SDL_GetMouseState(out int x, out int y);
    [DllImport(Lib)] public static extern uint SDL_GetTicks();
    [DllImport(Lib)] public static extern void SDL_Delay(uint milliseconds);
    [DllImport(Lib)] public static extern void SDL_DestroyTexture(IntPtr texture);
    [DllImport(Lib)] public static extern void SDL_DestroyRenderer(IntPtr renderer);
    [DllImport(Lib)] public static extern void SDL_DestroyWindow(IntPtr window);
    [DllImport(Lib)] public static extern void SDL_Quit();
    [DllImport(Lib)] public static extern IntPtr SDL_GetError();

    /// <summary>SDL's last error message (SDL owns the string; we copy it).</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(SDL_GetError()) ?? "unknown SDL error";
}
