using Snake.Game;

namespace Snake.Wire;

/// <summary>What a player's message asks the server to do (read by <see cref="ClientMessage"/>).</summary>
public abstract record PlayerInput;

/// <summary><c>{"type":"key",...}</c>: turn my snake.</summary>
public sealed record Turn(Direction Direction) : PlayerInput;

/// <summary><c>{"type":"chat",...}</c>: say this line to everyone.</summary>
public sealed record Say(string Text) : PlayerInput;
