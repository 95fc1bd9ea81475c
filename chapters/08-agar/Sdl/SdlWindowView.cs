using Agar.Game;
using Agar.View;
using Course.Cli;
using SkiaSharp;
using static Agar.Sdl.SdlNative;

namespace Agar.Sdl;

/// <summary>
/// A real window: SDL2 owns the window, the keyboard and the mouse; SkiaSharp draws each frame straight
/// into the pixels of an SDL streaming texture, which SDL then copies to the screen. Steps per frame:
///   1. lock the texture: SDL hands us a pointer to its pixel buffer and the bytes per row (pitch);
///   2. wrap that memory in a Skia surface (no copy) and let <see cref="FramePainter"/> draw on it;
///   3. unlock, copy the texture to the renderer, present.
/// </summary>
public sealed class SdlWindowView : IGameView
{
    private readonly IntPtr _window;
    private readonly IntPtr _renderer;
    private IntPtr _texture;
    private int _textureWidth, _textureHeight;

    public SdlWindowView(string title, int width, int height)
    {
        MainThread.Require("an SDL window");
        SdlLibrary.Load();
        if (SDL_Init(InitVideo) != 0)
            throw new UserError($"cannot open a window: {LastError()} (no display? run under xvfb-run, or use the demo verb, which runs headless)");
        _window = SDL_CreateWindow(title, WindowPosCentered, WindowPosCentered, width, height, WindowShown | WindowResizable);
        if (_window == IntPtr.Zero) Fail("SDL_CreateWindow");
        // Index -1: the first renderer that works (GPU if there is one, software under Xvfb).
        _renderer = SDL_CreateRenderer(_window, -1, RendererPresentVsync);
        if (_renderer == IntPtr.Zero) Fail("SDL_CreateRenderer");
        Width = width;
        Height = height;
    }

    public int Width { get; private set; }
    public int Height { get; private set; }

    public ViewInput Poll()
    {
        bool quit = false;
        var typed = new List<char>();
        while (SDL_PollEvent(out Event e) != 0)
        {
            if (e.Type == EventQuit) quit = true;
            else if (e.Type == EventMouseMotion) _pointerKnown = true;
            else if (e.Type == EventKeyDown && e.Scancode == ScancodeEscape) quit = true;
            // The letter typed, in the player's own keyboard layout (the key's position would be a Q on an AZERTY A).
            else if (e.Type == EventTextInput && TypedLetter(e) is { } letter) typed.Add(letter);
        }
        return new ViewInput(quit, Steering(), typed);
    }

    /// <summary>Until the pointer has moved over the window, SDL reports it at (0, 0): it is not steering yet.</summary>
    private bool _pointerKnown;

    private static char? TypedLetter(Event e)
    {
        ReadOnlySpan<byte> bytes = e.Text;
        int end = bytes.IndexOf((byte)0);
        string text = System.Text.Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        return text.Length == 1 && char.IsLetter(text[0]) ? char.ToLowerInvariant(text[0]) : null;
    }

    /// <summary>The keys held and the mouse, through the rule every front-end shares.</summary>
    private Vec2 Steering()
    {
        IntPtr keys = SDL_GetKeyboardState(out int count);
        bool Held(int scancode) => scancode < count && System.Runtime.InteropServices.Marshal.ReadByte(keys, scancode) != 0;
        SDL_GetMouseState(out int x, out int y);
        if (!_pointerKnown) (x, y) = (Width / 2, Height / 2); // the centre: no pull either way
        return SteeringRule.From(Held(ScancodeLeft), Held(ScancodeRight), Held(ScancodeUp), Held(ScancodeDown), x, y, Width, Height);
    }

    public void Draw(Frame frame)
    {
        SDL_GetRendererOutputSize(_renderer, out int width, out int height);
        if (width <= 0 || height <= 0) return;
        Width = width;
        Height = height;
        if (_texture == IntPtr.Zero || width != _textureWidth || height != _textureHeight)
        {
            // The window was resized (or this is the first frame): a texture of the new size.
            if (_texture != IntPtr.Zero) SDL_DestroyTexture(_texture);
            _texture = SDL_CreateTexture(_renderer, PixelFormatArgb8888, TextureAccessStreaming, width, height);
            if (_texture == IntPtr.Zero) Fail("SDL_CreateTexture");
            (_textureWidth, _textureHeight) = (width, height);
        }

        if (SDL_LockTexture(_texture, IntPtr.Zero, out IntPtr pixels, out int pitch) != 0) Fail("SDL_LockTexture");
        try
        {
            var info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
            using var skia = SKSurface.Create(info, pixels, pitch);
            using var surface = new SkiaSurface(skia.Canvas, _texts);
            FramePainter.Draw(surface, frame, width, height);
            surface.FlushDots();
            skia.Canvas.Flush();
        }
        finally
        {
            SDL_UnlockTexture(_texture);
        }
        SDL_RenderCopy(_renderer, _texture, IntPtr.Zero, IntPtr.Zero);
        SDL_RenderPresent(_renderer);
    }

    private static void Fail(string what) => throw new UserError($"{what} failed: {LastError()}");

    /// <summary>Names and labels drawn once for the window's life, not once a frame.</summary>
    private readonly TextImages _texts = new();

    public void Dispose()
    {
        _texts.Dispose();
        if (_texture != IntPtr.Zero) SDL_DestroyTexture(_texture);
        if (_renderer != IntPtr.Zero) SDL_DestroyRenderer(_renderer);
        if (_window != IntPtr.Zero) SDL_DestroyWindow(_window);
        SDL_Quit();
    }
}
