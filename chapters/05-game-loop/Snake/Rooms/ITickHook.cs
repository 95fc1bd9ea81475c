using Snake.Game;

namespace Snake.Rooms;

/// <summary>
/// Extra work a room does on every tick, before the game steps (chapter 06 adds computer-played snakes
/// this way). A room gets its own hook from <see cref="RoomOptions.TickHooks"/> when it is created, calls
/// <see cref="BeforeStep"/> under its lock (so the hook may add snakes and steer them), and disposes the
/// hook once its loop has stopped.
/// </summary>
public interface ITickHook : IDisposable
{
    void BeforeStep(SnakeGame game);
}
