namespace Agar.Game;

/// <summary>
/// A game a front-end can play, whatever runs it: <see cref="LocalGame"/> in this process, or a client of
/// a server over the network. The game loop steers it, steps it at its tick rate and draws its
/// <see cref="View"/>; it never needs to know which kind it has.
/// </summary>
public interface IPlayable
{
    /// <summary>The direction the player steers towards from now on (length 0 to 1).</summary>
    void Steer(Vec2 direction);
    /// <summary>One fixed tick of <see cref="TickSeconds"/>.</summary>
    void Step();
    /// <summary>How long one tick is: the world's (offline) or the server's (networked).</summary>
    double TickSeconds { get; }
    /// <summary>What to draw now.</summary>
    WorldView View();
    /// <summary>Round trip to the server in ms, or null offline.</summary>
    double? PingMs { get; }
    /// <summary>A short status line for the screen (e.g. which smoothing is on), or null.</summary>
    string? Status { get; }
    /// <summary>A letter key was pressed: a game may switch something (p: prediction, i: interpolation).</summary>
    void Toggle(char key);
}
