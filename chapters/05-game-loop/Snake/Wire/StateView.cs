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
    /// The tick of a state message, read from its first properties only (<c>{"type":"state","tick":N,...}</c>,
    /// as the server writes it), or -1 for any other message. For a client that only times ticks (the
    /// benches): parsing a whole state for each of a thousand bots would cost the machine being measured.
    /// </summary>
    public static long TickOf(ReadOnlySpan<byte> utf8)
    {
        var json = new Utf8JsonReader(utf8);
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return -1;
            if (!Next(ref json, JsonTokenType.PropertyName, "type"u8) || !Next(ref json, JsonTokenType.String, "state"u8)) return -1;
            if (!Next(ref json, JsonTokenType.PropertyName, "tick"u8) || !json.Read() || json.TokenType != JsonTokenType.Number) return -1;
            return json.TryGetInt64(out long tick) ? tick : -1;
        }
        catch (JsonException)
        {
            return -1; // cut short or not JSON: not a state a client can time
        }

        // The next token is of this type and reads as this text (asking a number for its text would throw).
        static bool Next(ref Utf8JsonReader json, JsonTokenType type, ReadOnlySpan<byte> text) =>
            json.Read() && json.TokenType == type && json.ValueTextEquals(text);
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
