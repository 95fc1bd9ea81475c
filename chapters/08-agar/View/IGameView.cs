using Agar.Game;

namespace Agar.View;

/// <summary>What the player asked for since the last poll.</summary>
/// <param name="Steer">Direction to steer, length 0..1 (mouse offset from the centre, or arrow keys).</param>
/// <param name="Typed">Letter keys pressed, lower case: toggles such as 'p' for prediction.</param>
public readonly record struct ViewInput(bool Quit, Vec2 Steer, IReadOnlyList<char> Typed);

/// <summary>
/// The seam between the game and whatever shows it: a window opens when the view is created, then the
/// game loop polls input, draws frames, and disposes the view to close it. The offline game, and later
/// the networked client, talk to this interface only, never to SDL or SkiaSharp directly.
/// </summary>
public interface IGameView : IDisposable
{
    int Width { get; }
    int Height { get; }
    ViewInput Poll();
    void Draw(Frame frame);
}
