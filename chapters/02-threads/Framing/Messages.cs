using System.Globalization;

namespace Dots;

/// <summary>
/// The dots line protocol (see docs/protocol/dots.md). Every message is one line of UTF-8 text ending
/// in <c>\n</c>: a word, then numbers separated by single spaces.
/// </summary>
/// <remarks>
/// Server to client: <c>myIDis &lt;id&gt;</c>, <c>newPlayer &lt;id&gt; &lt;x&gt; &lt;y&gt;</c>,
/// <c>playerMoved &lt;id&gt; &lt;x&gt; &lt;y&gt;</c>, <c>playerLeft &lt;id&gt;</c>, <c>error &lt;text&gt;</c>.
/// Client to server: <c>join</c> (first, once), <c>move &lt;dx&gt; &lt;dy&gt;</c>.
/// </remarks>
public static class Messages
{
    /// <summary>The first line a client sends. Until it comes, the connection is not a player.</summary>
    public const string Join = "join";

    public static string MyId(int id) => $"myIDis {id}";
    public static string NewPlayer(int id, Position at) => $"newPlayer {id} {at.X} {at.Y}";
    public static string PlayerMoved(int id, Position at) => $"playerMoved {id} {at.X} {at.Y}";
    public static string PlayerLeft(int id) => $"playerLeft {id}";
    public static string Error(string text) => $"error {text}";
    public static string Move(int dx, int dy) => $"move {dx} {dy}";

    /// <summary>Splits a line into its command word and integer arguments; false if any argument is not an integer.</summary>
    public static bool TryParse(string line, out string command, out int[] numbers)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        command = parts.Length > 0 ? parts[0] : "";
        numbers = new int[Math.Max(0, parts.Length - 1)];
        for (int i = 1; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i - 1]))
                return false;
        }
        return true;
    }
}

/// <summary>A cell on the board: x grows to the right, y grows downwards, both from 0.</summary>
public readonly record struct Position(int X, int Y);
