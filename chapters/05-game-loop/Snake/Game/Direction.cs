namespace Snake.Game;

public enum Direction { Up, Down, Left, Right }

public static class Directions
{
    public static readonly Direction[] All = [Direction.Up, Direction.Right, Direction.Down, Direction.Left];

    public static Direction Opposite(this Direction direction) => direction switch
    {
        Direction.Up => Direction.Down,
        Direction.Down => Direction.Up,
        Direction.Left => Direction.Right,
        _ => Direction.Left,
    };

    /// <summary>
    /// The browser sends the key it saw (<c>KeyboardEvent.key</c>), not a direction: the server decides what
    /// a key means, so a modified page cannot send anything the game does not already allow.
    /// </summary>
    public static bool TryFromKey(string key, out Direction direction)
    {
        switch (key.ToLowerInvariant())
        {
            case "arrowup" or "w": direction = Direction.Up; return true;
            case "arrowdown" or "s": direction = Direction.Down; return true;
            case "arrowleft" or "a": direction = Direction.Left; return true;
            case "arrowright" or "d": direction = Direction.Right; return true;
            default: direction = default; return false;
        }
    }

    /// <summary>The key a bot presses for a direction (the arrow keys, as a person would).</summary>
    public static string Key(this Direction direction) => "Arrow" + direction;
}
