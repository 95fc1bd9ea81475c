using System.Text.Json;
using Snake.Game;

namespace Snake.Wire;

/// <summary>A state message as a client (bot, test) reads it back.</summary>
public sealed record StateView(long Tick, IReadOnlyList<StateView.SnakeView> Snakes, IReadOnlyList<Cell> Food, IReadOnlyList<string> Events)
{
    public sealed record SnakeView(int Id, string Name, int Score, int Deaths, Direction Heading, IReadOnlyList<Cell> Body);

    /// <summary>The message's "type", or null when it is not a JSON object with one.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.TryGetProperty("type", out JsonElement type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Like <see cref="Parse"/>, for a client that cannot trust its server: false, instead of one of the many
    /// exceptions a message of another shape makes the JSON API throw (a missing property, a string where a
    /// number should be, a number too big, an unknown heading, a cell with one coordinate).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StateView? state)
    {
        try
        {
            state = Parse(utf8);
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or ArgumentException or IndexOutOfRangeException)
        {
            state = null;
            return false;
        }
    }

    public static StateView Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        var snakes = root.GetProperty("snakes").EnumerateArray().Select(s => new SnakeView(
            s.GetProperty("id").GetInt32(),
            s.GetProperty("name").GetString()!,
            s.GetProperty("score").GetInt32(),
            s.GetProperty("deaths").GetInt32(),
            Enum.Parse<Direction>(s.GetProperty("heading").GetString()!, ignoreCase: true),
            Cells(s.GetProperty("body")))).ToList();
        var events = root.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).ToList();
        return new StateView(root.GetProperty("tick").GetInt64(), snakes, Cells(root.GetProperty("food")), events);
    }

    private static List<Cell> Cells(JsonElement array) =>
        array.EnumerateArray().Select(c => new Cell(c[0].GetInt32(), c[1].GetInt32())).ToList();
}
