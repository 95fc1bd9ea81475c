namespace Agar.Game;

/// <summary>
/// What a player may ask for: a direction to steer towards and a sequence number. Never a position or a
/// speed: the world decides how far anyone moves. A direction longer than 1 is shortened to 1, so a
/// cheating client that claims (1000, 0) moves exactly as fast as an honest one claiming (1, 0).
/// The sequence number lets a networked client match the server's answer to its own inputs.
/// </summary>
public readonly record struct PlayerInput(uint Sequence, double DirectionX, double DirectionY)
{
    public Vec2 Direction => new(DirectionX, DirectionY);
}
