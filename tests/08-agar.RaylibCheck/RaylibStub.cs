using System.Numerics;

// The raylib calls the optional front-end makes, with the shapes Raylib-cs 6.1.1 gives them, and no body:
// enough for the compiler to check the front-end's files against the course's interfaces. Nothing here
// runs (the project is never started); each body says so if it ever were.
namespace Raylib_cs;

public enum TraceLogLevel { Warning = 4 }

[Flags]
public enum ConfigFlags : uint { VSyncHint = 0x40, ResizableWindow = 0x4 }

public enum KeyboardKey { Right = 262, Left = 263, Down = 264, Up = 265 }

public readonly record struct Color(byte R, byte G, byte B, byte A);

public struct Image;

public static class Raylib
{
    private static NotSupportedException Stub() => new("a compile-only stub of raylib: build chapters/08-agar/RaylibClient to run the real thing");

    public static void SetTraceLogLevel(TraceLogLevel level) => throw Stub();
    public static void SetConfigFlags(ConfigFlags flags) => throw Stub();
    public static void InitWindow(int width, int height, string title) => throw Stub();
    public static bool IsWindowReady() => throw Stub();
    public static bool WindowShouldClose() => throw Stub();
    public static void CloseWindow() => throw Stub();
    public static int GetCharPressed() => throw Stub();
    public static bool IsKeyDown(KeyboardKey key) => throw Stub();
    public static Vector2 GetMousePosition() => throw Stub();
    public static Vector2 GetMouseDelta() => throw Stub();
    public static int GetScreenWidth() => throw Stub();
    public static int GetScreenHeight() => throw Stub();
    public static void BeginDrawing() => throw Stub();
    public static void EndDrawing() => throw Stub();
    public static void ClearBackground(Color color) => throw Stub();
    public static void DrawRectangle(int x, int y, int width, int height, Color color) => throw Stub();
    public static void DrawRectangleV(Vector2 position, Vector2 size, Color color) => throw Stub();
    public static void DrawLineEx(Vector2 start, Vector2 end, float thick, Color color) => throw Stub();
    public static void DrawCircleV(Vector2 centre, float radius, Color color) => throw Stub();
    public static void DrawRing(Vector2 centre, float innerRadius, float outerRadius, float startAngle, float endAngle, int segments, Color color) => throw Stub();
    public static Image LoadImageFromScreen() => throw Stub();
    public static bool ExportImage(Image image, string fileName) => throw Stub();
    public static void UnloadImage(Image image) => throw Stub();
}

public static class Rlgl
{
    public static void DrawRenderBatchActive() => throw new NotSupportedException("a compile-only stub of raylib");
}
