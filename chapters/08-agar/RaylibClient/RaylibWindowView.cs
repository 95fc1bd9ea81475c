using System.Diagnostics;
using System.Numerics;
using Agar.Game;
using Agar.View;
using Course.Cli;
using Raylib_cs;
using static Raylib_cs.Raylib;

namespace Agar.Raylib;

/// <summary>
/// The game's view interface in a raylib window. Raylib does the jobs SDL2 and SkiaSharp share in the
/// default client: it owns the window, reads keyboard and mouse, and draws shapes with OpenGL. The
/// picture itself comes from the course's <see cref="FramePainter"/>, so both windows show the same frame.
/// </summary>
public sealed class RaylibWindowView : IGameView
{
    private readonly RaylibSurface _surface = new();
    private readonly Stopwatch _open = Stopwatch.StartNew();
    private (string Path, TimeSpan After)? _screenshot;

    public RaylibWindowView(string title, int width, int height)
    {
        MainThread.Require("a raylib window");
        // raylib 5.0's InitWindow does not return on a failed start: it crashes the process (exit 139) before
        // IsWindowReady can be asked. So check first what can be checked: an X display with OpenGL (GLX).
        if (Glx.WhyNot() is { } why) throw new UserError($"cannot open a raylib window: {why}");
        try
        {
            SetTraceLogLevel(TraceLogLevel.Warning);
            // No SetTargetFPS: the game loop paces the frames itself, as it does for the SDL2 window.
            // No MSAA either: smoother circle edges, but under a software renderer (Xvfb, a VM) it cost
            // seven frames in eight when we measured it.
            SetConfigFlags(ConfigFlags.ResizableWindow | ConfigFlags.VSyncHint);
            InitWindow(width, height, title);
        }
        catch (DllNotFoundException)
        {
            throw new UserError("raylib's native library did not load: the Raylib-cs package ships it for Windows (x64, x86), macOS (x64, arm64) and Linux (x64) only");
        }
        if (!IsWindowReady()) throw new UserError("cannot open a raylib window (no OpenGL? under Xvfb install libgl1-mesa-dri)");
        Width = width;
        Height = height;
    }

    private bool _pointerKnown;

    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>Save the first frame drawn at least <paramref name="after"/> after the window opened as a PNG.</summary>
    public void ScreenshotAfter(TimeSpan after, string path) => _screenshot = (Path.GetFullPath(path), after);

    public ViewInput Poll()
    {
        // raylib reads the window's events inside EndDrawing; here we only look at what it collected.
        // WindowShouldClose is true for the window's close button and for Esc (raylib's default exit key).
        bool quit = WindowShouldClose();
        var typed = new List<char>();
        // The characters typed, in the player's own keyboard layout (raylib's key codes are positions on a
        // US keyboard: on an AZERTY keyboard the A key would read as Q).
        for (int c = GetCharPressed(); c != 0; c = GetCharPressed())
            if (c <= char.MaxValue && char.IsLetter((char)c)) typed.Add(char.ToLowerInvariant((char)c));
        if (GetMouseDelta() != Vector2.Zero) _pointerKnown = true;
        return new ViewInput(quit, Steering(), typed);
    }

    /// <summary>The keys held and the mouse, through the rule every front-end shares.</summary>
    private Vec2 Steering()
    {
        // Until the pointer has moved over the window its position reads (0, 0): aim at the centre, no pull.
        Vector2 mouse = _pointerKnown ? GetMousePosition() : new Vector2(Width / 2f, Height / 2f);
        return SteeringRule.From(IsKeyDown(KeyboardKey.Left), IsKeyDown(KeyboardKey.Right), IsKeyDown(KeyboardKey.Up),
            IsKeyDown(KeyboardKey.Down), mouse.X, mouse.Y, Width, Height);
    }

    public void Draw(Frame frame)
    {
        Width = GetScreenWidth();
        Height = GetScreenHeight();
        BeginDrawing();
        FramePainter.Draw(_surface, frame, Width, Height);
        if (_screenshot is { } shot && _open.Elapsed >= shot.After)
        {
            // raylib batches shapes and sends them to the GPU in EndDrawing: flush first, then read the
            // pixels before EndDrawing swaps the buffers (after the swap the back buffer is undefined).
            // raylib's TakeScreenshot would keep only the file name and write next to the executable.
            Rlgl.DrawRenderBatchActive();
            Image image = LoadImageFromScreen();
            ExportImage(image, shot.Path);
            UnloadImage(image);
            _screenshot = null;
        }
        EndDrawing();
    }

    public void Dispose() => CloseWindow();
}
